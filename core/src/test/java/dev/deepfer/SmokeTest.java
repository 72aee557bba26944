package dev.deepfer;
import ai.djl.ndarray.*;
import org.junit.jupiter.api.Test;
class SmokeTest {
  @Test void engine() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.ones(new ai.djl.ndarray.types.Shape(2,2));
      System.out.println(a.sum() + " " + ai.djl.engine.Engine.getInstance().getEngineName()+ " " + ai.djl.engine.Engine.getInstance().getVersion());
    }
  }
}
