package io.beatflow.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.beatflow.models.internal.BeatNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A pretrained encoder: the {@code enc_*} weights an encoder learnt by masked-signal pretraining
 * ({@link MaskedSignalPretrainer}), with a card saying what it is. It is not a classifier (it has no
 * head and no classes, so a {@link Predictor} cannot be made from it); a classifier starts from it
 * with {@link BeatClassifierTrainer#startingFrom(PretrainedEncoder)} ({@code beatflow train
 * --encoder FILE}).
 *
 * <p>The file is a zip of {@value #CARD_ENTRY} (the card, JSON) and {@value #WEIGHTS_ENTRY}: the
 * number of weight arrays, then per array in name order its name (modified UTF-8, as
 * {@link DataOutputStream#writeUTF}), its length and its values (big-endian floats). The card holds
 * the entry's SHA-256, checked when the file is read.
 */
public final class PretrainedEncoder {
    /** Version of the file format written by this build. */
    public static final int FORMAT_VERSION = 2;
    /** Zip entry of the card. */
    public static final String CARD_ENTRY = "encoder-card.json";
    /** Zip entry of the weights. */
    public static final String WEIGHTS_ENTRY = "encoder-weights.bin";
    /** The card's {@code kind}. */
    public static final String KIND = "masked-signal-pretraining";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    /**
     * What a pretrained encoder is and how it was made.
     *
     * @param formatVersion {@link #FORMAT_VERSION} when written
     * @param kind {@link #KIND}
     * @param model the configuration whose encoder was pretrained (architecture, input, encoder
     *     settings); its head is the default one and was not trained
     * @param pretraining the pretraining settings
     * @param corpus the corpus the windows came from, e.g. {@code mitdb 1.0.0}
     * @param records the records the windows came from
     * @param beats windows pretrained on
     * @param beatsSha256 SHA-256 of those windows (samples, label, RR values), as training cards digest theirs
     * @param epochMaskedMse per epoch, the mean squared error over the masked samples (z-scored units)
     * @param epochMaskedVariance per epoch, the same for a reconstruction of all zeros (the window's
     *     mean): what the masked samples' values alone give; the ratio is the share of their
     *     variance left unexplained
     * @param parameters trainable parameters of the pretraining network (encoder and reconstruction head)
     * @param versions library and runtime versions
     * @param backend the ND4J backend it ran on
     * @param created when it was written (UTC, ISO-8601)
     * @param weightsSha256 SHA-256 of {@value #WEIGHTS_ENTRY}
     */
    public record Card(int formatVersion, String kind, ModelConfig model, PretrainingConfig pretraining, String corpus,
            List<String> records, long beats, String beatsSha256, List<Double> epochMaskedMse,
            List<Double> epochMaskedVariance, long parameters, Map<String, String> versions, String backend,
            String created, String weightsSha256) {
        public Card {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(pretraining, "pretraining");
            Objects.requireNonNull(corpus, "corpus");
            records = List.copyOf(records);
            Objects.requireNonNull(beatsSha256, "beatsSha256");
            epochMaskedMse = List.copyOf(epochMaskedMse);
            epochMaskedVariance = List.copyOf(epochMaskedVariance);
            versions = Map.copyOf(versions);
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(weightsSha256, "weightsSha256");
        }
    }

    private final Card card;
    private final Map<String, float[]> weights;

    /** An encoder of {@code weights}; the card's {@code weightsSha256} is set from them. */
    PretrainedEncoder(Card card, Map<String, float[]> weights) {
        Map<String, float[]> copy = new TreeMap<>();
        weights.forEach((k, v) -> copy.put(k, v.clone()));
        this.weights = copy;
        String sha = ModelBundle.sha256(encode(copy));
        this.card = new Card(card.formatVersion(), card.kind(), card.model(), card.pretraining(), card.corpus(),
                card.records(), card.beats(), card.beatsSha256(), card.epochMaskedMse(), card.epochMaskedVariance(),
                card.parameters(), card.versions(), card.backend(), card.created(), sha);
    }

    /** The card. */
    public Card card() {
        return card;
    }

    /** Copies of the encoder's weights by parameter name, as {@link BeatNetwork#encoderWeights} gives them. */
    public Map<String, float[]> weights() {
        Map<String, float[]> copy = new TreeMap<>();
        weights.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** Number of encoder weights. */
    public long weightCount() {
        return weights.values().stream().mapToLong(v -> v.length).sum();
    }

    /** Writes the encoder file (the same weights and card give the same bytes). */
    public void save(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            put(z, CARD_ENTRY, JSON.writeValueAsBytes(card));
            put(z, WEIGHTS_ENTRY, encode(weights));
        }
        AtomicWrite.to(file, out -> out.write(bytes.toByteArray()));
    }

    private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(ENTRY_TIME);
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

    /** The card as JSON, as the file holds it. */
    public static String toJson(Card card) {
        try {
            return JSON.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a card that cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} is a zip holding a pretrained encoder's card (not a model bundle). */
    public static boolean isEncoderFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                if (e.getName().equals(CARD_ENTRY)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /**
     * Reads an encoder file, checking it.
     *
     * @throws BundleFormatException if it is not a complete, intact encoder file of a format this
     *     build reads (what is wrong is in the message)
     * @throws IOException if it cannot be read
     */
    public static PretrainedEncoder load(Path file) throws IOException {
        String name = file.toString();
        byte[] cardBytes = null;
        byte[] weightBytes = null;
        boolean any = false;
        try (InputStream in = Files.newInputStream(file); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                any = true;
                if (e.getName().equals(CARD_ENTRY)) {
                    cardBytes = z.readAllBytes();
                } else if (e.getName().equals(WEIGHTS_ENTRY)) {
                    weightBytes = z.readAllBytes();
                }
            }
        } catch (ZipException | EOFException e) {
            throw new BundleFormatException(name, "damaged or truncated zip (" + e.getMessage() + ")", e);
        }
        if (!any) {
            throw new BundleFormatException(name, "not a pretrained encoder (no zip entries; empty, truncated or not a"
                    + " zip)");
        }
        if (cardBytes == null) {
            throw new BundleFormatException(name, "no " + CARD_ENTRY + " entry: not a pretrained encoder (a model"
                    + " bundle holds model-card.json)");
        }
        Card card;
        try {
            var tree = JSON.readTree(cardBytes);
            if (tree == null || !tree.isObject() || !tree.path("formatVersion").isInt()) {
                throw new BundleFormatException(name, CARD_ENTRY + " is not a JSON object with an integer formatVersion");
            }
            int version = tree.get("formatVersion").asInt();
            if (version < 1 || version > FORMAT_VERSION) {
                throw new BundleFormatException(name, "encoder format version " + version + " is not supported (this"
                        + " build reads 1 to " + FORMAT_VERSION + ")");
            }
            if (version == 1 && tree.at("/model/input") instanceof com.fasterxml.jackson.databind.node.ObjectNode in
                    && !in.has("baselineHighPassHz")) {
                in.put("baselineHighPassHz", 0.0); // format 1 predates the baseline stage: leads as recorded
            }
            card = JSON.treeToValue(tree, Card.class);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException(name, CARD_ENTRY + " cannot be read: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BundleFormatException(name, CARD_ENTRY + ": " + e.getMessage(), e);
        }
        if (!KIND.equals(card.kind())) {
            throw new BundleFormatException(name, CARD_ENTRY + ": kind '" + card.kind() + "' is not " + KIND);
        }
        if (weightBytes == null) {
            throw new BundleFormatException(name, "no " + WEIGHTS_ENTRY + " entry");
        }
        String sha = ModelBundle.sha256(weightBytes);
        if (!sha.equals(card.weightsSha256())) {
            throw new BundleFormatException(name, WEIGHTS_ENTRY + " SHA-256 " + sha + " differs from the card's "
                    + card.weightsSha256() + ": the weights are damaged");
        }
        Map<String, float[]> weights;
        try {
            weights = decode(weightBytes);
        } catch (IOException e) {
            throw new BundleFormatException(name, WEIGHTS_ENTRY + " cannot be read: " + e.getMessage(), e);
        }
        return new PretrainedEncoder(card, weights);
    }

    /**
     * How a classifier's card names this encoder as its starting point
     * ({@link DataProvenance#encoderFrom}).
     */
    String describe() {
        return "the " + card.model().architecture().id() + " encoder pretrained by masked-signal reconstruction ("
                + Math.round(100 * card.pretraining().maskFraction()) + "% masked in blocks of "
                + card.pretraining().spanSamples() + " samples, " + card.pretraining().epochs() + " epochs) with weights"
                + " SHA-256 " + card.weightsSha256() + ", on " + card.corpus() + ", records " + String.join(" ",
                        card.records()) + " (" + card.beats() + " beats, SHA-256 " + card.beatsSha256()
                + "; no labels used)";
    }

    static byte[] encode(Map<String, float[]> weights) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(weights.size());
            for (Map.Entry<String, float[]> e : new TreeMap<>(weights).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float v : e.getValue()) {
                    out.writeFloat(v);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static Map<String, float[]> decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new IOException("implausible number of weight arrays " + n);
            }
            Map<String, float[]> out = new HashMap<>();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                int len = in.readInt();
                if (len < 0 || 4L * len > data.length) {
                    throw new IOException("weight array " + key + ": implausible length " + len);
                }
                float[] v = new float[len];
                for (int j = 0; j < len; j++) {
                    v[j] = in.readFloat();
                }
                out.put(key, v);
            }
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes after the last weight array");
            }
            return out;
        } catch (EOFException e) {
            throw new IOException("ends early (truncated)", e);
        }
    }
}
