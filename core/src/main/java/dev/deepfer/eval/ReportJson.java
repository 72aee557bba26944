package dev.deepfer.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.deepfer.data.Emotion;
import java.io.IOException;

/** The JSON edge of the eval package: emotions as map keys are their lower-case labels. */
final class ReportJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("deepfer-emotion-keys")
                    .addKeySerializer(Emotion.class, new LabelKeySerializer())
                    .addKeyDeserializer(Emotion.class, new LabelKeyDeserializer()));

    private ReportJson() {}

    private static final class LabelKeySerializer extends JsonSerializer<Emotion> {
        @Override
        public void serialize(Emotion value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeFieldName(value.label());
        }
    }

    private static final class LabelKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            return Emotion.parse(key);
        }
    }
}
