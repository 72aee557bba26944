package dev.deepfer.infer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deepfer.data.Normalization;
import dev.deepfer.model.FaceClassifier;

import java.util.List;

/** A model loaded from disk — one member or an ensemble — with what it needs to be fed and described. */
public interface LoadedModel extends FaceClassifier, AutoCloseable {

    String name();

    Normalization normalization();

    /** The member bundles (a member bundle lists itself). */
    List<ModelBundle> members();

    /** The manifest as JSON, for reports and the API. */
    JsonNode manifestJson();

    @Override
    void close();
}
