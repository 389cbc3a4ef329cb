package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.models.DecisionRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossValidateCommandTest {
    @TempDir
    Path dir;

    /** Round-robin over the numerically sorted records: every record in exactly one fold. */
    @Test
    void foldsArePatientWiseAndCoverEveryRecord() {
        List<List<String>> f = CrossValidateCommand.folds(List.of("9", "101", "23", "100", "1000"), 2);
        assertEquals(List.of(List.of("9", "100", "1000"), List.of("23", "101")), f);
        List<List<String>> ds1 = CrossValidateCommand.folds(Ds1Training.ds1(), 4);
        List<String> all = new ArrayList<>();
        ds1.forEach(all::addAll);
        assertEquals(Ds1Training.ds1().size(), all.size());
        assertTrue(all.containsAll(Ds1Training.ds1()));
        assertEquals(List.of(List.of("101", "112", "118", "201", "208", "223"),
                List.of("106", "114", "119", "203", "209", "230"), List.of("108", "115", "122", "205", "215"),
                List.of("109", "116", "124", "207", "220")), ds1);
    }

    /**
     * Two fold files: S beats score p_S 0.3, N beats 0.1 (as in DecisionRuleTest); the pooled
     * choice moves S's offset to the lowest grid point that separates them, 0.85.
     */
    @Test
    void choosesTheRuleFromThePooledFoldFiles() throws IOException {
        Path a = write("fold-0.csv", "r1", 5, 45);
        Path b = write("fold-1.csv", "r2", 5, 45);
        CrossValidateCommand.Choice c = CrossValidateCommand.choose(CrossValidateCommand.read(List.of(a, b), null),
                "two test folds");
        assertEquals(100, c.beats());
        assertEquals(0.85, c.rule().logOffsets().get("S"), 1e-9);
        assertEquals(1.0, c.rule().evidence().get("F1_S_after"), 1e-9);
        assertEquals(0.0, c.rule().evidence().get("F1_S_before"), 1e-9);
        // S beats all score above N beats, so S's AUROC is 1 with or without the offsets
        assertEquals(1.0, c.rule().evidence().get("AUROC_S_before"), 1e-12);
        assertEquals(1.0, c.rule().evidence().get("AUROC_S_after"), 1e-12);
        String s = CrossValidateCommand.summary(c.rule());
        assertTrue(s.contains("F1 S: 0.000 -> 1.000, AUROC 1.000 -> 1.000"), s);
    }

    /**
     * With every beat's irregularity given, the slope search runs; a constant irregularity cannot
     * beat the offsets, so the slope stays 0 and the offsets are those of the plain choice. A beat
     * missing from the irregularity map is named.
     */
    @Test
    void irregularityMapJoinsTheChoiceAndMissingBeatsAreNamed() throws IOException {
        Path a = write("fold-0.csv", "r1", 5, 45);
        Map<String, Double> irr = new java.util.HashMap<>();
        for (int i = 1; i <= 50; i++) {
            irr.put("r1/" + (100 + 300 * i), 0.05);
        }
        CrossValidateCommand.Choice c = CrossValidateCommand.choose(CrossValidateCommand.read(List.of(a), irr),
                "one test fold");
        assertEquals(0.85, c.rule().logOffsets().get("S"), 1e-9);
        assertEquals(Map.of("S", 0.0), c.rule().irregularitySlopes());
        assertTrue(c.rule().chosenBy().contains("irregularity slopes of [S]"), c.rule().chosenBy());
        irr.remove("r1/400");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossValidateCommand.read(List.of(a), irr));
        assertTrue(e.getMessage().contains("beat r1 at sample 400"), e.getMessage());
    }

    /**
     * Fold 0 scores S beats 0.3 and N beats 0.1 (its own rule: S +0.85), fold 1 scores them 0.05 and
     * 0.02 (S +2.95). Judged by the other fold's rule, fold 0's beats are all called S and fold 1's
     * all N: F1 S 10 / 60, N 90 / 140, macro over the classes present 17 / 42 (as in
     * DecisionRuleTest). The rule chosen on both folds' beats together (S +0.85: fold 1's S beats
     * missed) scores (10 / 15 + 180 / 185) / 2 = 0.82 on them: the in-sample figure flatters.
     */
    @Test
    void heldOutFoldsAreDecidedByTheOtherFoldsRule() throws IOException {
        Path a = write("fold-0.csv", "r1", 5, 45);
        Path b = write("fold-1.csv", "r2", 5, 45, "0.95,0.05", "0.98,0.02");
        CrossValidateCommand.OutOfFold d = CrossValidateCommand.read(List.of(a, b), null);
        assertEquals(0, d.fold()[49]);
        assertEquals(1, d.fold()[50]);
        assertEquals(List.of(), d.slopeClasses());
        DecisionRule.HeldOut h = CrossValidateCommand.heldOut(d, "two test folds");
        assertEquals(17.0 / 42, h.macroF1(), 1e-12);
        String line = CrossValidateCommand.heldOutSummary("offsets", h);
        assertTrue(line.contains("offsets: macro F1 (N, S, V, F) 0.405 (F1 N 0.643 S 0.167 V NaN F NaN);"
                + " rules without fold 0: S +2.95 | 1: S +0.85"), line);
        List<Map<String, Object>> rules = CrossValidateCommand.rulesWithoutFold(h);
        assertEquals(List.of(Map.of("logOffsets", Map.of("N", 0.0, "S", 2.95, "V", 0.0, "F", 0.0)),
                Map.of("logOffsets", Map.of("N", 0.0, "S", 0.85, "V", 0.0, "F", 0.0))), rules);
        DecisionRule pooled = CrossValidateCommand.choose(d, "two test folds").rule().withHeldOut(h);
        assertEquals((10.0 / 15 + 180.0 / 185) / 2, pooled.evidence().get("macroF1After"), 1e-12);
        assertEquals(17.0 / 42, pooled.evidence().get("macroF1HeldOut"), 1e-12);
        assertEquals(1.0 / 6, pooled.evidence().get("F1_S_heldOut"), 1e-12);
        assertTrue(Double.isNaN(pooled.evidence().get("F1_V_heldOut")));
    }

    /**
     * --smooth V: three beats of one record with identical (flat) windows, so every earlier beat
     * weighs 1 and a beat's V probability becomes the mean of its own and the earlier beats'
     * network probabilities: 0.9, (0.3 + 0.9) / 2, (0 + 0.9 + 0.3) / 3. The dataset lists the beats
     * in another order than the file; rows stay in the file's order, and the rest of each row is
     * rescaled. A dataset beat without a row is named.
     */
    @Test
    void smoothingFollowsEachRecordInTimeAndKeepsTheFilesOrder() throws IOException {
        Path f = Files.writeString(dir.resolve("fold-0.csv"), "record,sample,label,p_N,p_S,p_V,p_F,p_Q\n"
                + "r1,1000,N,0.7,0,0.3,0,0\n" + "r1,400,V,0.1,0,0.9,0,0\n" + "r1,1600,N,1,0,0,0,0\n");
        CrossValidateCommand.OutOfFold d = CrossValidateCommand.read(List.of(f), null);
        io.beatflow.datasets.BeatDataset beats = new io.beatflow.datasets.BeatDataset(List.of("r1"), 4, 360,
                new float[12], new int[3], new byte[3], new float[9], new int[3], new long[] {1600, 1000, 400});
        var settings = new io.beatflow.models.MorphologySmoothing.Settings("V", 10, 2);
        CrossValidateCommand.OutOfFold smoothed = d.smoothed(beats, settings);
        assertEquals(0.6, smoothed.probs()[0][2], 1e-6);
        assertEquals(0.4, smoothed.probs()[0][0], 1e-6);
        assertEquals(0.9, smoothed.probs()[1][2], 1e-6);
        assertEquals(0.4, smoothed.probs()[2][2], 1e-6);
        assertEquals(0.6, smoothed.probs()[2][0], 1e-6);
        assertEquals(0.3f, d.probs()[0][2], "the rows read are not changed");
        String line = CrossValidateCommand.smoothingSummary(d, smoothed, "V");
        // the N beat at 1000 now has V 0.6 > N 0.4: one false V beside the true one, F1 2 / 3
        assertTrue(line.startsWith("smoothing V: out-of-fold F1 V (arg-max, no offsets) 1.000 -> 0.667"), line);
        io.beatflow.datasets.BeatDataset other = new io.beatflow.datasets.BeatDataset(List.of("r1"), 4, 360,
                new float[12], new int[3], new byte[3], new float[9], new int[3], new long[] {1600, 1000, 401});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.smoothed(other, settings));
        assertTrue(e.getMessage().contains("reference beat r1 at sample 401 has no row"), e.getMessage());
    }

    /** A fixed F offset stays 0 in the rule and in every rule fitted without a fold; N cannot be fixed. */
    @Test
    void fixedOffsetsStayAtZero() throws IOException {
        Path a = write("fold-0.csv", "r1", 5, 45);
        Path b = write("fold-1.csv", "r2", 5, 45);
        CrossValidateCommand.OutOfFold d = CrossValidateCommand.read(List.of(a, b), null).fixing(List.of("S"));
        assertEquals(0.0, CrossValidateCommand.choose(d, "x").rule().logOffsets().get("S"));
        for (DecisionRule r : CrossValidateCommand.heldOut(d, "x").rules()) {
            assertEquals(0.0, r.logOffsets().get("S"));
        }
        CliRun r = CliRun.of("cross-validate", "--out", dir.toString(), "--fixed-offset", "N");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--fixed-offset: N is not one of [S, V, F]"), r.err());
    }

    /**
     * The command end to end on fold files made elsewhere: four folds scored alike (S 0.3, N 0.1),
     * so the rule fitted without any one of them is the pooled rule (S +0.85) and decides every
     * held-out beat rightly: held-out macro F1 1 over N and S, in the printout, in the rule's
     * evidence and with each fold's rule in decision.json.
     */
    @Test
    void heldOutFiguresArePrintedAndKept() throws IOException {
        io.beatflow.ingest.testing.ReferenceData.assumeMitdb();
        writeFoldsOfDs1(4);
        CliRun r = CliRun.of("cross-validate", "--out", dir.toString(), "--fold-files", "four test folds", "--data",
                io.beatflow.ingest.testing.ReferenceData.root().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("each fold decided by the rule fitted to the other folds")
                && r.out().contains("  offsets: macro F1 (N, S, V, F) 1.000 (F1 N 1.000 S 1.000 V NaN F NaN);"
                        + " rules without fold 0: S +0.85 | 1: S +0.85 | 2: S +0.85 | 3: S +0.85"), r.out());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("decision.json").toFile());
        assertEquals(1.0, tree.get("decision").get("evidence").get("macroF1HeldOut").asDouble(), 1e-12);
        assertEquals(1.0, tree.get("decision").get("evidence").get("F1_S_heldOut").asDouble(), 1e-12);
        assertEquals(4, tree.get("rulesWithoutFold").get("decision").size());
        assertEquals(0.85, tree.get("rulesWithoutFold").get("decision").get(3).get("logOffsets").get("S").asDouble(),
                1e-12);
        assertTrue(CrossValidateCommand.readDecision(dir.resolve("decision.json")).chosenBy().contains("four test folds"));
    }

    /** A fold file of other records (swapped with another fold's, or cut short) is refused, naming what differs. */
    @Test
    void aFoldFileOfOtherRecordsIsRefused() throws IOException {
        io.beatflow.ingest.testing.ReferenceData.assumeMitdb();
        List<List<String>> parts = writeFoldsOfDs1(4);
        Path zero = dir.resolve("fold-0.csv");
        Path one = dir.resolve("fold-1.csv");
        Path swap = dir.resolve("swap.csv");
        Files.move(zero, swap);
        Files.move(one, zero);
        Files.move(swap, one);
        CliRun r = CliRun.of("cross-validate", "--out", dir.toString(), "--fold-files", "swapped", "--data",
                io.beatflow.ingest.testing.ReferenceData.root().toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("fold-0.csv holds records " + new java.util.TreeSet<>(parts.get(1)) + ", but fold 0 holds out "
                + new java.util.TreeSet<>(parts.get(0))), r.err());
    }

    /**
     * Fold files found without the models that made them cannot be checked against the run's
     * options: the run says so on standard error and in the rule's description, rather than
     * describing them as made with its options.
     */
    @Test
    void foldFilesWithoutTheirModelsAreSaidToBeUnchecked() throws IOException {
        io.beatflow.ingest.testing.ReferenceData.assumeMitdb();
        writeFoldsOfDs1(4);
        CliRun r = CliRun.of("cross-validate", "--out", dir.toString(), "--data",
                io.beatflow.ingest.testing.ReferenceData.root().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("warning: fold 1 of 4: fold-0.csv has none of its models beside it (fold-0.zip)"),
                r.err());
        String chosenBy = CrossValidateCommand.readDecision(dir.resolve("decision.json")).chosenBy();
        assertTrue(chosenBy.contains("; the predictions of folds [0, 1, 2, 3] were found without their models and"
                + " were not checked against these options"), chosenBy);
    }

    /** Writes DIR/fold-k.csv for each of the k folds of DS1: 5 S beats then 45 N beats of each held-out record. */
    private List<List<String>> writeFoldsOfDs1(int k) throws IOException {
        List<List<String>> parts = CrossValidateCommand.folds(
                io.beatflow.datasets.Split.deChazal2004().part(io.beatflow.datasets.Split.DS1), k);
        for (int f = 0; f < k; f++) {
            StringBuilder all = new StringBuilder("record,sample,label,p_N,p_S,p_V,p_F,p_Q\n");
            for (String rec : parts.get(f)) {
                String one = Files.readString(write("tmp.csv", rec, 5, 45));
                all.append(one, one.indexOf('\n') + 1, one.length());
            }
            Files.writeString(dir.resolve("fold-" + f + ".csv"), all.toString());
        }
        Files.delete(dir.resolve("tmp.csv"));
        return parts;
    }

    @Test
    void foldFilesMadeElsewhereMustAllBeThere() throws IOException {
        write("fold-0.csv", "r1", 5, 45);
        CliRun r = CliRun.of("cross-validate", "--out", dir.toString(), "--fold-files", "class experts");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--fold-files: the fold files were to be made elsewhere, but")
                && r.err().contains("fold-1.csv is not there"), r.err());
    }

    @Test
    void decisionFileIsReadBackAndBadFilesAreNamed() throws IOException {
        Path f = dir.resolve("decision.json");
        Files.writeString(f, "{\"decision\": {\"logOffsets\": {\"S\": 1.25}, \"chosenBy\": \"x\", \"evidence\": {}},"
                + " \"folds\": []}");
        DecisionRule r = CrossValidateCommand.readDecision(f);
        assertEquals(Map.of("S", 1.25), r.logOffsets());
        Path empty = Files.writeString(dir.resolve("other.json"), "{\"x\": 1}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossValidateCommand.readDecision(empty));
        assertTrue(e.getMessage().contains("no \"decision\" object"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidateCommand.readDecision(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("is not a file"), e.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"decision\": ");
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidateCommand.readDecision(broken));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
        Path zip = Files.write(dir.resolve("model.zip"), new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0});
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidateCommand.readDecision(zip));
        assertTrue(e.getMessage().contains("is not JSON (line 1); give the decision.json"), e.getMessage());
        assertTrue(!e.getMessage().contains("PK"), e.getMessage());
    }

    private Path write(String name, String record, int s, int n) throws IOException {
        return write(name, record, s, n, "0.7,0.3", "0.9,0.1");
    }

    /** {@code s} S beats scoring {@code sRow} (p_N,p_S) then {@code n} N beats scoring {@code nRow}. */
    private Path write(String name, String record, int s, int n, String sRow, String nRow) throws IOException {
        StringBuilder b = new StringBuilder("record,sample,label,p_N,p_S,p_V,p_F,p_Q\n");
        int sample = 100;
        for (int i = 0; i < s + n; i++) {
            boolean isS = i < s;
            b.append(record).append(',').append(sample += 300).append(',').append(isS ? "S" : "N").append(',')
                    .append(isS ? sRow : nRow).append(",0,0,0\n");
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }
    /** Smoothing options are checked before the first fold trains (a bad one would otherwise fail after all of them). */
    @Test
    void smoothingOptionsAreCheckedBeforeTraining() {
        CliRun r = CliRun.of("cross-validate", "--out", dir.resolve("cv").toString(), "--smooth", "X");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--smooth X: give one of the classes"), r.err());
        r = CliRun.of("cross-validate", "--out", dir.resolve("cv").toString(), "--smooth", "V", "--smooth-bandwidth", "-1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("bandwidth"), r.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("cv")), "nothing made");
    }
}
