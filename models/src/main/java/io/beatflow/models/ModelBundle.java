package io.beatflow.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.beatflow.models.internal.BeatNetwork;
import io.beatflow.models.internal.EnsembleNetwork;
import io.beatflow.models.internal.ExpertsNetwork;
import io.beatflow.models.internal.Networks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained model: its {@link ModelCard} and its network weights, stored as a zip with two
 * entries, {@value #CARD_ENTRY} (JSON) and {@value #WEIGHTS_ENTRY} (the framework's own format,
 * named in the card). An ensemble ({@link #ensemble}) stores each member's weights instead, as
 * {@code member-0.bin}, {@code member-1.bin}, ... in the order of the card's members.
 *
 * <p>{@link #load(Path)} checks the zip, the card (format version, fields, architecture), the
 * weights checksum against the card, and that the network gives one probability per class; each
 * failure is a {@link BundleFormatException} naming the bundle and the problem.
 */
public final class ModelBundle {
    /** Zip entry of the model card. */
    public static final String CARD_ENTRY = "model-card.json";
    /** Zip entry of the weights. */
    public static final String WEIGHTS_ENTRY = "weights.bin";
    /** Name of the model shipped in this module's resources ({@link #resolve}). */
    public static final String BUILT_IN = "mitdb-ds1";
    private static final String BUILT_IN_RESOURCE = "/io/beatflow/models/mitdb-ds1.zip";
    /**
     * The decision rules fitted for single networks of the built-in model's base ensemble, member
     * index in place of {@code %d}: each is the {@code decision.json} of a cross-validation on DS1
     * of that member's recipe and seed (models README, Members).
     */
    private static final String BUILT_IN_MEMBER_RULE = "/io/beatflow/models/mitdb-ds1-member-%d.decision.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final ModelCard card;
    private final BeatNetwork network;

    /**
     * The weights entries this bundle was read from (written again as they are): one, or one per
     * ensemble member; null when the weights come from the network.
     */
    private final List<byte[]> storedWeights;
    /**
     * The class experts' bundles as stored (zip bytes, checksummed in the card's experts), in the
     * order of the card's experts; empty for none.
     */
    private final List<byte[]> expertBytes;

    ModelBundle(ModelCard card, BeatNetwork network) {
        this(card, network, null, List.of());
    }

    private ModelBundle(ModelCard card, BeatNetwork network, List<byte[]> storedWeights, List<byte[]> expertBytes) {
        this.card = Objects.requireNonNull(card, "card");
        this.network = Objects.requireNonNull(network, "network");
        this.storedWeights = storedWeights;
        this.expertBytes = List.copyOf(expertBytes);
    }

    /** The model card. */
    public ModelCard card() {
        return card;
    }

    BeatNetwork network() {
        return network;
    }

    /**
     * This bundle with another decision rule in its card; the network is shared, not copied, and
     * a bundle read from a file writes the same weight bytes (and checksum) it was read with.
     *
     * @throws IllegalArgumentException if the rule names a class the model does not have
     */
    public ModelBundle withDecision(DecisionRule rule) {
        return new ModelBundle(card.withDecision(rule), network, storedWeights, expertBytes);
    }

    /**
     * This model with its input's baseline high-pass at {@code hz} (0: none; see
     * {@link InputSpec#baselineHighPassHz()}), its class experts' inputs likewise; the networks,
     * their weights and the decision rule are unchanged. A model trained on unfiltered leads may
     * score filtered ones better or worse: judge the change on held-out data before shipping it.
     * The card is written in the format this code writes, so a build that predates the baseline
     * stage refuses the bundle rather than scoring unfiltered windows.
     *
     * @throws IllegalArgumentException if {@code hz} is not a valid baseline frequency
     */
    public ModelBundle withBaselineHighPass(double hz) {
        ModelCard base = card.withoutExperts().withModel(card.model().withBaselineHighPass(hz));
        if (!card.hasExperts()) {
            return new ModelBundle(base, network, storedWeights, expertBytes);
        }
        Map<String, ModelBundle> byClass = new java.util.LinkedHashMap<>();
        for (int i = 0; i < expertBytes.size(); i++) {
            String which = card.experts().get(i).className();
            try {
                byClass.put(which, read(new java.io.ByteArrayInputStream(expertBytes.get(i)), "class expert " + which)
                        .withBaselineHighPass(hz));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // read back from bytes this bundle was checked with
            }
        }
        BeatNetwork own = network instanceof ExpertsNetwork x ? x.base() : network;
        return new ModelBundle(base, own, storedWeights, List.of()).withExperts(byClass).withDecision(card.decision());
    }

    /**
     * This model with class experts: for each class named, the expert's probability of it replaces
     * this model's, and each beat's probabilities are renormalised; then the decision rule, which
     * starts as none (a rule fitted to one model's probabilities does not suit the combination; fit
     * one to the combination's, out of fold, and set it with {@link #withDecision}). Out of fold on
     * DS1, a model without the raw-window channel ranked S beats best while the context model ranked
     * the other classes best: see the models README.
     *
     * @param byClass class name to expert; each expert a bundle (one network or an ensemble) of the
     *     same classes whose input is this model's input, or this input without its raw-window channel
     *     (then it is given this input's template channel)
     * @throws IllegalArgumentException naming the expert and what does not fit
     */
    public ModelBundle withExperts(Map<String, ModelBundle> byClass) {
        if (byClass.isEmpty()) {
            throw new IllegalArgumentException("no class experts given");
        }
        if (card.hasExperts()) {
            throw new IllegalArgumentException("the base model already has class experts");
        }
        InputSpec in = card.input();
        List<ClassExpert> described = new java.util.ArrayList<>();
        List<ExpertsNetwork.Expert> nets = new java.util.ArrayList<>();
        List<byte[]> bytes = new java.util.ArrayList<>();
        for (var e : new java.util.TreeMap<>(byClass).entrySet()) {
            String which = "class expert for " + e.getKey();
            ModelBundle x = e.getValue();
            int c = card.classNames().indexOf(e.getKey());
            if (c < 0) {
                throw new IllegalArgumentException(which + ": the base model has no class " + e.getKey() + " "
                        + card.classNames());
            }
            if (x.card.hasExperts()) {
                throw new IllegalArgumentException(which + " has class experts itself");
            }
            if (!x.card.classNames().equals(card.classNames())) {
                throw new IllegalArgumentException(which + ": classes " + x.card.classNames() + " differ from the base"
                        + " model's " + card.classNames());
            }
            InputSpec xi = x.card.input();
            boolean templateOnly = !xi.rawChannel() && in.rawChannel() && xi.equals(withoutRaw(in));
            if (!xi.equals(in) && !templateOnly) {
                throw new IllegalArgumentException(which + ": its input " + xi + " is neither the base model's " + in
                        + " nor that without the raw-window channel");
            }
            // stored without its own rule: the combination's rule decides
            ModelBundle plain = x.withDecision(DecisionRule.none());
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try {
                plain.write(zip);
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            bytes.add(zip.toByteArray());
            described.add(new ClassExpert(e.getKey(), sha256(zip.toByteArray()), plain.card));
            nets.add(new ExpertsNetwork.Expert(c, x.network, templateOnly));
        }
        ModelCard c = card.withDecision(DecisionRule.none()).withExperts(described);
        return new ModelBundle(c, new ExpertsNetwork(network, nets, in.channels(), in.windowSamples()), storedWeights,
                bytes);
    }

    private static InputSpec withoutRaw(InputSpec in) {
        return new InputSpec(in.lead(), in.windowSamples(), in.sampleRateHz(), in.rPeakIndex(), in.useRr(),
                in.templateBeats(), in.longTermRrBeats(), in.irregularityBeats(), false, in.baselineHighPassHz(),
                in.prematurityBeats());
    }

    /** The card as JSON text. */
    public static String toJson(ModelCard card) {
        try {
            return JSON.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model card cannot be written as JSON", e);
        }
    }

    /** Writes the bundle (atomically: to a temporary file renamed into place). */
    public void save(Path file) throws IOException {
        AtomicWrite.to(file, this::write);
    }

    /**
     * An ensemble of trained models ({@link ModelCard#members()}): its probabilities are the
     * normalised geometric mean of the members' network probabilities, then its own decision rule,
     * which starts as none (the members' rules are not applied: a rule fitted to one network's
     * probabilities does not suit their mean; fit one to the ensemble's, see {@link #withDecision}).
     * The card keeps each member's own rule, versions and backend ({@link EnsembleMember}), which
     * {@link #member} gives back.
     *
     * @param members two or more single-network bundles of the same model configuration (input,
     *     architecture, hyper-parameters, classes), weights format, training data, and training
     *     settings other than the seed, each of its own seed
     * @throws IllegalArgumentException naming the first member that differs, and how
     */
    public static ModelBundle ensemble(List<ModelBundle> members) {
        for (ModelBundle m : members) {
            if (m.card.hasExperts()) {
                throw new IllegalArgumentException("a model with class experts cannot be an ensemble member");
            }
        }
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two models, got " + members.size());
        }
        ModelCard first = members.get(0).card;
        List<EnsembleMember> described = new java.util.ArrayList<>();
        List<BeatNetwork> networks = new java.util.ArrayList<>();
        List<byte[]> stored = new java.util.ArrayList<>();
        long parameters = 0;
        for (int i = 0; i < members.size(); i++) {
            ModelBundle b = members.get(i);
            ModelCard c = b.card;
            String which = "ensemble member " + (i + 1) + " of " + members.size();
            if (c.ensemble()) {
                throw new IllegalArgumentException(which + " is itself an ensemble; give its members instead");
            }
            if (!c.model().equals(first.model())) {
                throw new IllegalArgumentException(which + " has another model configuration than member 1: "
                        + differences(c.model(), first.model()));
            }
            if (!c.networkFormat().equals(first.networkFormat())) {
                throw new IllegalArgumentException(which + " stores its weights as " + c.networkFormat()
                        + ", member 1 as " + first.networkFormat());
            }
            if (!java.util.Objects.equals(c.data(), first.data())) {
                throw new IllegalArgumentException(which + " was trained on other data than member 1: "
                        + differences(c.data(), first.data()));
            }
            if (!java.util.Objects.equals(seedless(c.training()), seedless(first.training()))) {
                throw new IllegalArgumentException(which + " was trained with other settings than member 1 (apart"
                        + " from the seed): " + differences(seedless(c.training()), seedless(first.training())));
            }
            long seed = c.training() == null ? 0 : c.training().seed();
            for (int j = 0; j < described.size(); j++) {
                if (c.training() != null && described.get(j).seed() == seed) {
                    throw new IllegalArgumentException(which + " was trained with seed " + seed + " as member " + (j + 1)
                            + " was: models trained alike with one seed are one model; give models of different seeds");
                }
            }
            described.add(EnsembleMember.of(c));
            networks.add(b.network);
            stored.add(b.storedWeights == null ? null : b.storedWeights.get(0));
            parameters += c.parameters();
        }
        ModelCard card = new ModelCard(ModelCard.FORMAT_VERSION, first.model(), first.networkFormat(), "", parameters,
                first.normalisation(), first.training(), first.data(), first.epochsTrained(), first.bestEpoch(),
                Map.of(), first.versions(), first.backend(),
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                DecisionRule.none(), described);
        return new ModelBundle(card, new EnsembleNetwork(networks), stored.contains(null) ? null : stored, List.of());
    }

    /**
     * Ensemble member {@code index} as a bundle of one network: the member's own network and weight
     * bytes, so it gives the probabilities that member gives inside the ensemble (before their
     * geometric mean), at the cost of one network pass. Its card is the member's as far as the
     * ensemble's card kept it ({@link ModelCard#member}): its seed, weights, epochs, validation
     * metrics, creation time, versions, backend and its own decision rule, and what the members
     * share. The ensemble's decision rule does not come with it: it was fitted to the ensemble's
     * probabilities. Its {@link ModelCard#takenFrom()} names the ensemble; a card of format 18 or
     * earlier kept neither the members' rules nor, but for the first member's, their versions and
     * backend: a member taken out of one has no rule and, after the first, carries member 0's
     * versions and backend, as its {@code takenFrom} says. Of a model with class experts, this takes
     * a member of the base model and leaves the experts out ({@link #expert} takes an expert).
     *
     * @param index 0-based, in the order of the card's members (the zip's {@code member-<index>.bin})
     * @throws IllegalArgumentException if the model (its base model, when it has class experts) is
     *     one network, or {@code index} is not one of its members
     */
    public ModelBundle member(int index) {
        String which = card.hasExperts() ? "the base model" : "the model";
        if (!card.ensemble()) {
            throw new IllegalArgumentException(which + " is one network, not an ensemble: it has no members to take out"
                    + (card.hasExperts() ? "" : "; the bundle already is one network"));
        }
        int n = card.members().size();
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("no member " + index + ": " + which + " is an ensemble of " + n
                    + ", members 0 to " + (n - 1));
        }
        EnsembleMember m = card.members().get(index);
        StringBuilder from = new StringBuilder("member " + index + " (seed " + m.seed() + ") of an ensemble of " + n);
        if (!card.weightsSha256().isEmpty()) {
            from.append(" (weights SHA-256 ").append(card.weightsSha256()).append(')');
        }
        if (card.hasExperts()) {
            from.append(", the base model of a model with class experts for ")
                    .append(card.experts().stream().map(ClassExpert::className).toList());
        }
        if (!card.takenFrom().isEmpty()) {
            from.append(", ").append(card.takenFrom());
        }
        if (index > 0 && !m.keptVersions()) {
            from.append("; its versions and backend are member 0's (the ensemble's card, of format ")
                    .append(card.formatVersion()).append(", kept only the first member's)");
        }
        BeatNetwork own = network instanceof ExpertsNetwork x ? x.base() : network;
        BeatNetwork net = ((EnsembleNetwork) own).members().get(index);
        return new ModelBundle(card.member(index, from.toString()), net,
                storedWeights == null ? null : List.of(storedWeights.get(index)), List.of());
    }

    /**
     * The class expert for {@code className} as a bundle of its own (one network or an ensemble,
     * read from the bytes this bundle stores), without a decision rule as it is stored; its
     * {@link ModelCard#takenFrom()} names the model it was taken from.
     *
     * @throws IllegalArgumentException if the model has no class expert for that class, naming those it has
     */
    public ModelBundle expert(String className) {
        List<String> present = card.experts().stream().map(ClassExpert::className).toList();
        int k = present.indexOf(className);
        if (k < 0) {
            throw new IllegalArgumentException(present.isEmpty() ? "the model has no class experts"
                    : "the model has no class expert for " + className + "; its class experts: " + present);
        }
        ClassExpert e = card.experts().get(k);
        ModelBundle x;
        try {
            x = read(new java.io.ByteArrayInputStream(expertBytes.get(k)), "class expert " + className);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex); // read back from bytes this bundle was checked with
        }
        String from = "the class expert for " + className + " (bundle SHA-256 " + e.bundleSha256() + ") of a model"
                + (card.weightsSha256().isEmpty() ? ""
                        : " whose base model has weights SHA-256 " + card.weightsSha256())
                + (card.takenFrom().isEmpty() ? "" : ", " + card.takenFrom());
        return new ModelBundle(x.card.withTakenFrom(from), x.network, x.storedWeights, List.of());
    }

    private static TrainingConfig seedless(TrainingConfig t) {
        return t == null ? null : t.withSeed(0);
    }

    /**
     * The SHA-256 of a one-network bundle's weights entry: the card's, or, for a bundle not yet
     * written, that of the weights as {@link #write} would store them.
     */
    String weightsSha256() throws IOException {
        if (!card.weightsSha256().isEmpty()) {
            return card.weightsSha256();
        }
        if (storedWeights != null && storedWeights.size() == 1) {
            return sha256(storedWeights.get(0));
        }
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        network.write(weights);
        return sha256(weights.toByteArray());
    }

    /** Writes the bundle's zip to a stream (the card's weights checksums are recomputed). */
    public void write(OutputStream out) throws IOException {
        List<byte[]> w = storedWeights;
        if (w == null) {
            BeatNetwork own = network instanceof ExpertsNetwork x ? x.base() : network;
            List<BeatNetwork> nets = own instanceof EnsembleNetwork e ? e.members() : List.of(own);
            w = new java.util.ArrayList<>();
            for (BeatNetwork n : nets) {
                ByteArrayOutputStream weights = new ByteArrayOutputStream();
                n.write(weights);
                w.add(weights.toByteArray());
            }
        }
        ModelCard c;
        if (card.ensemble()) {
            List<String> shas = w.stream().map(ModelBundle::sha256).toList();
            c = card.withWeightsSha256(ensembleSha256(shas), shas);
        } else {
            c = card.withWeightsSha256(sha256(w.get(0)), List.of());
        }

        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(entry(CARD_ENTRY));
            zip.write(toJson(c).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (int i = 0; i < w.size(); i++) {
                zip.putNextEntry(entry(card.ensemble() ? memberEntry(i) : WEIGHTS_ENTRY));
                zip.write(w.get(i));
                zip.closeEntry();
            }
            for (int i = 0; i < expertBytes.size(); i++) {
                zip.putNextEntry(entry(card.experts().get(i).entryName()));
                zip.write(expertBytes.get(i));
                zip.closeEntry();
            }
        }
    }

    /** A zip entry of a fixed time, so that equal contents give equal bytes (and an expert's checksum holds). */
    private static ZipEntry entry(String name) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
        return e;
    }

    /** The zip entry of ensemble member {@code i} (0-based). */
    static String memberEntry(int i) {
        return "member-" + i + ".bin";
    }

    /** An ensemble's card checksum: the SHA-256 of its members' checksums, joined by newlines. */
    static String ensembleSha256(List<String> memberShas) {
        return sha256(String.join("\n", memberShas).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads and checks a bundle file.
     *
     * @throws BundleFormatException if the bundle is damaged, incomplete or incompatible
     * @throws IOException if the file cannot be read
     */
    public static ModelBundle load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BundleFormatException(file.toString(), "a directory, not a model bundle: give the .zip file that"
                    + " beatflow train (or ensemble, experts) wrote");
        }
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no model bundle there");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * A bundle path from a command-line value: {@value #BUILT_IN} is the model shipped in this
     * module (copied once per process to a temporary file, removed when the process ends),
     * anything else a path.
     *
     * @throws IOException if the built-in model is not packaged
     */
    public static Path resolve(String nameOrPath) throws IOException {
        if (!BUILT_IN.equals(nameOrPath)) {
            return Path.of(nameOrPath);
        }
        synchronized (ModelBundle.class) {
            if (builtInCopy == null || !Files.isRegularFile(builtInCopy)) {
                builtInCopy = copyBuiltIn();
            }
            return builtInCopy;
        }
    }

    /**
     * The decision rule kept for member {@code index} of the built-in model's base ensemble: fitted
     * out of fold on DS1 for that one network (the ensemble's own rule suits the ensemble's
     * probabilities, not one network's), or empty where none has been fitted.
     *
     * @throws IOException if the packaged rule cannot be read
     */
    public static java.util.Optional<DecisionRule> builtInMemberRule(int index) throws IOException {
        String resource = String.format(java.util.Locale.ROOT, BUILT_IN_MEMBER_RULE, index);
        try (InputStream in = ModelBundle.class.getResourceAsStream(resource)) {
            if (in == null) {
                return java.util.Optional.empty();
            }
            var node = JSON.readTree(in).get("decision");
            if (node == null || !node.isObject()) {
                throw new IOException(resource + " has no \"decision\" object");
            }
            return java.util.Optional.of(JSON.treeToValue(node, DecisionRule.class));
        }
    }

    /** The temporary copy of the built-in model, made on first use. */
    private static Path builtInCopy;

    private static Path copyBuiltIn() throws IOException {
        try (InputStream in = ModelBundle.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new java.nio.file.NoSuchFileException(BUILT_IN_RESOURCE, null,
                        "the built-in model is not packaged in this build");
            }
            Path tmp = Files.createTempFile("beatflow-" + BUILT_IN, ".zip");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }

    /** Reads and checks a bundle from a stream; {@code name} is used in error messages. */
    public static ModelBundle read(InputStream in, String name) throws IOException {
        byte[] cardBytes = null;
        Map<String, byte[]> entriesByName = new java.util.HashMap<>();
        String reading = null; // the entry being read, for the error
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry e;
            int entries = 0;
            while ((e = zip.getNextEntry()) != null) {
                entries++;
                reading = e.getName();
                byte[] data = zip.readAllBytes();
                if (e.getName().equals(CARD_ENTRY)) {
                    cardBytes = data;
                } else {
                    entriesByName.put(e.getName(), data);
                }
            }
            if (entries == 0) {
                throw new BundleFormatException(name, "not a model bundle (no zip entries; empty, truncated or"
                        + " another kind of file)");
            }
        } catch (ZipException | java.io.EOFException e) {
            String what = e.getMessage() != null ? e.getMessage()
                    : e instanceof java.io.EOFException ? "the file ends early" : e.getClass().getSimpleName();
            throw new BundleFormatException(name, "damaged or truncated zip (" + (reading == null ? "" : "entry "
                    + reading + ": ") + what + "); the bundle must be copied again from where it was made", e);
        }
        if (cardBytes == null) {
            throw new BundleFormatException(name, "no " + CARD_ENTRY + " entry" + (entriesByName.containsKey(
                    PretrainedEncoder.CARD_ENTRY) ? ": this is a pretrained encoder (beatflow pretrain), not a"
                    + " classifier; start one from it with beatflow train --encoder" : ""));
        }
        ModelCard card = parseCard(cardBytes, name);
        List<String> entryNames = new java.util.ArrayList<>();
        List<String> expectedShas = new java.util.ArrayList<>();
        if (card.ensemble()) {
            for (int i = 0; i < card.members().size(); i++) {
                entryNames.add(memberEntry(i));
                expectedShas.add(card.members().get(i).weightsSha256());
            }
            String combined = ensembleSha256(expectedShas);
            if (!combined.equals(card.weightsSha256())) {
                throw new BundleFormatException(name, CARD_ENTRY + ": weightsSha256 " + card.weightsSha256()
                        + " does not match its members' checksums (expected " + combined + "; damaged card)");
            }
        } else {
            entryNames.add(WEIGHTS_ENTRY);
            expectedShas.add(card.weightsSha256());
        }
        List<byte[]> weights = new java.util.ArrayList<>();
        List<BeatNetwork> nets = new java.util.ArrayList<>();
        for (int i = 0; i < entryNames.size(); i++) {
            String entry = entryNames.get(i);
            byte[] w = entriesByName.get(entry);
            if (w == null) {
                throw new BundleFormatException(name, "no " + entry + " entry");
            }
            String sha = sha256(w);
            if (!sha.equals(expectedShas.get(i))) {
                throw new BundleFormatException(name, entry + " SHA-256 " + sha + " differs from the card's "
                        + expectedShas.get(i) + " (damaged or replaced weights)");
            }
            try {
                nets.add(Networks.read(card.model(), card.networkFormat(), new java.io.ByteArrayInputStream(w)));
            } catch (IllegalArgumentException e) {
                throw new BundleFormatException(name, e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                throw new BundleFormatException(name, entry + " cannot be read as " + card.networkFormat() + ": " + e,
                        e);
            }
            weights.add(w);
        }
        BeatNetwork net = nets.size() == 1 ? nets.get(0) : new EnsembleNetwork(nets);
        if (net.parameterCount() != card.parameters()) {
            throw new BundleFormatException(name, "the card says " + card.parameters() + " parameters but its network"
                    + " has " + net.parameterCount() + " (the card was edited, or belongs to other weights)");
        }
        ModelBundle b = new ModelBundle(card.withoutExperts(), net, weights,
                List.of());
        if (card.hasExperts()) {
            Map<String, ModelBundle> byClass = new java.util.LinkedHashMap<>();
            List<byte[]> stored = new java.util.ArrayList<>();
            for (ClassExpert e : card.experts()) {
                byte[] bytes = entriesByName.get(e.entryName());
                if (bytes == null) {
                    throw new BundleFormatException(name, "no " + e.entryName() + " entry");
                }
                String sha = sha256(bytes);
                if (!sha.equals(e.bundleSha256())) {
                    throw new BundleFormatException(name, e.entryName() + " SHA-256 " + sha + " differs from the card's "
                            + e.bundleSha256() + " (damaged or replaced expert)");
                }
                byClass.put(e.className(), read(new java.io.ByteArrayInputStream(bytes), name + "!" + e.entryName()));
                stored.add(bytes);
            }
            try {
                ModelBundle x = b.withExperts(byClass);
                b = new ModelBundle(card, x.network, weights, stored);
            } catch (IllegalArgumentException e) {
                throw new BundleFormatException(name, e.getMessage(), e);
            }
        }
        b.checkOutputWidth(name);
        return b;
    }

    private static ModelCard parseCard(byte[] bytes, String name) throws BundleFormatException {
        int version;
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new BundleFormatException(name, CARD_ENTRY + " is not a JSON object");
            }
            var v = tree.get("formatVersion");
            if (v == null || !v.isInt()) {
                throw new BundleFormatException(name, CARD_ENTRY + " has no integer formatVersion");
            }
            version = v.asInt();
        } catch (BundleFormatException e) {
            throw e;
        } catch (IOException e) {
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new BundleFormatException(name, CARD_ENTRY + " is not valid JSON: " + msg, e);
        }
        if (version < 1 || version > ModelCard.FORMAT_VERSION) {
            throw new BundleFormatException(name, "bundle format version " + version + " is not supported (this build"
                    + " reads versions 1 to " + ModelCard.FORMAT_VERSION + ")" + (version > ModelCard.FORMAT_VERSION
                            ? ": it was written by a newer beatflow; read it with that version or a later one" : ""));
        }
        upgrade(tree, version);
        try {
            return JSON.treeToValue(tree, ModelCard.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new BundleFormatException(name, CARD_ENTRY + ": " + c.getMessage(), e);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new BundleFormatException(name, CARD_ENTRY + pathOf(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new BundleFormatException(name, CARD_ENTRY + ": " + msg, e);
        }
    }

    /**
     * Adds to a card of format {@code version} what later formats added, with what the older
     * card means by leaving it out; the cards of its class experts likewise, each by its own
     * format version (an expert's card is stored inside the card).
     */
    private static void upgrade(com.fasterxml.jackson.databind.JsonNode tree, int version) {
        if (version == 1) {
            // Version 1 predates the patient context: its models take one channel and no long-term RR.
            var input = tree.path("model").path("input");
            if (input instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.put("templateBeats", 0);
                o.put("longTermRrBeats", 0);
            }
        }
        if (version <= 2 && tree.path("model") instanceof com.fasterxml.jackson.databind.node.ObjectNode m
                && "cnn".equals(m.path("architecture").asText()) && !m.has("stemStride")) {
            // Versions 1 and 2 predate the strided stem: their CNNs have a stem of stride 1.
            m.put("stemStride", 1);
        }
        // fields later formats added, with what older cards mean by leaving them out
        var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        addIfMissing(tree, version, 3, "/model/head", "rrToLogits", nodes.booleanNode(false)); // the wide head
        addIfMissing(tree, version, 3, "/training", "augmentRr", nodes.numberNode(0.0)); // RR scaling
        addIfMissing(tree, version, 4, "/model/input", "irregularityBeats", nodes.numberNode(0)); // RR irregularity
        addIfMissing(tree, version, 6, "/training", "recordBalance", nodes.numberNode(0.0)); // record balancing
        addIfMissing(tree, version, 7, "/training", "morphologyDropout", nodes.numberNode(0.0)); // morphology dropout
        addIfMissing(tree, version, 8, "/model/input", "rawChannel", nodes.booleanNode(true)); // every input had it
        addIfMissing(tree, version, 9, "", "experts", nodes.arrayNode()); // class experts
        addIfMissing(tree, version, 10, "/data", "encoderFrom", nodes.textNode("")); // encoders carried over
        addIfMissing(tree, version, 11, "/training", "freezeEncoder", nodes.booleanNode(false)); // every weight trained
        addIfMissing(tree, version, 12, "/training", "augmentSTiming", nodes.numberNode(0.0)); // no S timing lent
        addIfMissing(tree, version, 14, "/model/input", "baselineHighPassHz", nodes.numberNode(0.0)); // leads as recorded
        addIfMissing(tree, version, 15, "/data", "encoderRecords", nodes.arrayNode()); // encoders' records not kept
        addIfMissing(tree, version, 16, "", "takenFrom", nodes.textNode("")); // no network was taken out of another
        addIfMissing(tree, version, 17, "/model/input", "prematurityBeats", nodes.numberNode(0)); // no z-scores
        addIfMissing(tree, version, 17, "/training", "augmentSRuns", nodes.numberNode(0.0)); // no S runs lent
        addIfMissing(tree, version, 18, "/training", "freezeEncoderEpochs", nodes.numberNode(0)); // no two stages
        for (com.fasterxml.jackson.databind.JsonNode expert : tree.path("experts")) {
            com.fasterxml.jackson.databind.JsonNode card = expert.path("card");
            if (card.isObject()) {
                upgrade(card, card.path("formatVersion").isInt() ? card.path("formatVersion").asInt() : version);
            }
        }
    }

    /**
     * Puts {@code value} as {@code field} into the object at {@code pointer} of a card of format
     * {@code version} at most {@code lastWithout} (one written before the field existed) that lacks it.
     */
    private static void addIfMissing(com.fasterxml.jackson.databind.JsonNode tree, int version, int lastWithout,
            String pointer, String field, com.fasterxml.jackson.databind.JsonNode value) {
        if (version <= lastWithout && tree.at(pointer) instanceof com.fasterxml.jackson.databind.node.ObjectNode o
                && !o.has(field)) {
            o.set(field, value);
        }
    }

    /** The JSON path of a mapping error, such as {@code " at model.stemStride"}, or "" when unknown. */
    private static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "" : " at " + b;
    }

    private void checkOutputWidth(String name) throws BundleFormatException {
        InputSpec in = card.input();
        float[][] p;
        try {
            p = network.output(new float[in.channels() * in.windowSamples()], new float[in.rrInputs()], 1);
        } catch (RuntimeException e) {
            throw new BundleFormatException(name, "the network does not accept the card's input (" + in.channels()
                    + " x " + in.windowSamples() + " samples, " + in.rrInputs() + " RR values): " + e.getMessage(), e);
        }
        if (p.length != 1 || p[0].length != card.classNames().size()) {
            throw new BundleFormatException(name, "the network gives " + (p.length == 0 ? 0 : p[0].length)
                    + " outputs but the card names " + card.classNames().size() + " classes");
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /**
     * Where two values differ, for messages: the components of records (nested records by path,
     * e.g. {@code input.baselineHighPassHz 0.5 against 0.0}), else the two values whole.
     */
    public static String differences(Object a, Object b) {
        List<String> out = new java.util.ArrayList<>();
        differences("", a, b, out);
        return String.join("; ", out);
    }

    private static void differences(String path, Object a, Object b, List<String> out) {
        if (java.util.Objects.equals(a, b)) {
            return;
        }
        if (a != null && b != null && a.getClass() == b.getClass() && a.getClass().isRecord()) {
            for (java.lang.reflect.RecordComponent rc : a.getClass().getRecordComponents()) {
                try {
                    differences(path + rc.getName() + ".", rc.getAccessor().invoke(a), rc.getAccessor().invoke(b), out);
                } catch (ReflectiveOperationException e) {
                    out.add(path + rc.getName() + " (not comparable)");
                }
            }
            return;
        }
        String name = path.isEmpty() ? "value" : path.substring(0, path.length() - 1);
        out.add(name + " " + a + " against " + b);
    }
}
