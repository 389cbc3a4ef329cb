package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.testing.ReferenceData;
import io.beatflow.models.PretrainedEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beatflow pretrain}, and {@code beatflow train --encoder} given what it writes. */
class PretrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void badSettingsAreRefusedBeforeAnyDataIsRead() {
        Path out = dir.resolve("e.zip");
        CliRun arch = CliRun.of("pretrain", "--arch", "resnet", "--out", out.toString(), "--data", dir.toString());
        assertEquals(2, arch.exitCode(), arch.err());
        assertTrue(arch.err().contains("resnet"), arch.err());
        CliRun span = CliRun.of("pretrain", "--span", "300", "--out", out.toString(), "--data", dir.toString());
        assertEquals(2, span.exitCode(), span.err());
        assertTrue(span.err().contains("longer than the window"), span.err());
        CliRun mask = CliRun.of("pretrain", "--mask", "1.5", "--out", out.toString(), "--data", dir.toString());
        assertEquals(2, mask.exitCode(), mask.err());
        assertTrue(mask.err().contains("maskFraction"), mask.err());
        CliRun highPass = CliRun.of("pretrain", "--baseline-high-pass", "7", "--out", out.toString(), "--data",
                dir.toString());
        assertEquals(2, highPass.exitCode(), highPass.err());
        assertTrue(highPass.err().contains("--baseline-high-pass: "), highPass.err());
        CliRun twice = CliRun.of("pretrain", "--records", "101,101", "--out", out.toString(), "--data", dir.toString());
        assertEquals(2, twice.exitCode(), twice.err());
        assertTrue(twice.err().contains("record 101 given twice"), twice.err());
        assertTrue(Files.notExists(out));
    }

    /**
     * Unannotated records (two synthetic ones at 250 Hz): beats detected and windowed at the model's
     * rate, each record its own; a record given twice is refused.
     */
    @Test
    void pretrainsOnUnannotatedRecords() throws Exception {
        Path data = dir.resolve("records");
        assertEquals(0, CliRun.of("synth", "--out", data.toString(), "--name", "a", "--rate", "250", "--seconds", "60",
                "--seed", "3").exitCode());
        assertEquals(0, CliRun.of("synth", "--out", data.toString(), "--name", "b", "--rate", "250", "--seconds", "60",
                "--seed", "4", "--hr", "90").exitCode());
        Path out = dir.resolve("enc.zip");
        Path cp = dir.resolve("checkpoints");
        CliRun r = CliRun.of("pretrain", "--epochs", "2", "--beats-per-epoch", "64", "--out", out.toString(),
                "--checkpoints", cp.toString(), data.resolve("a").toString(), data.resolve("b").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("checkpoint after epoch 1"), r.err());
        assertEquals(PretrainedEncoder.load(out).card().weightsSha256(),
                PretrainedEncoder.load(cp.resolve("last.zip")).card().weightsSha256());
        assertTrue(r.err().contains("a: ") && r.err().contains("beats detected on lead"), r.err());
        PretrainedEncoder e = PretrainedEncoder.load(out);
        assertEquals(List.of("a", "b"), e.card().records());
        assertTrue(e.card().beats() > 120, "beats " + e.card().beats());
        assertTrue(e.card().corpus().contains("detected beats"), e.card().corpus());

        CliRun info = CliRun.of("model-info", "--model", out.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("pretrained encoder (masked-signal-pretraining)")
                && info.out().contains("masked MSE per epoch") && info.out().contains("records a b"), info.out());
        CliRun json = CliRun.of("model-info", "--model", out.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().contains("\"kind\" : \"masked-signal-pretraining\""), json.out());

        CliRun twice = CliRun.of("pretrain", "--out", dir.resolve("x.zip").toString(), data.resolve("a").toString(),
                data.resolve("a").toString());
        assertEquals(2, twice.exitCode(), twice.err());
        assertTrue(twice.err().contains("was given already"), twice.err());
    }

    /**
     * A mixed-rate EDF (a synthetic ECG at 250 Hz, a respiration signal at 25 Hz) cannot be read
     * whole as one signal; --lead ECG reads that signal alone and pretrains on its beats.
     */
    @Test
    void pretrainsOnTheNamedLeadOfAnEdfFileOfMixedRates() throws Exception {
        Path data = dir.resolve("records");
        assertEquals(0, CliRun.of("synth", "--out", data.toString(), "--name", "a", "--rate", "250", "--seconds", "30",
                "--seed", "3").exitCode());
        io.beatflow.ingest.Signal a = io.beatflow.ingest.WfdbReader.read(data.resolve("a"));
        Path edf = EdfTestFiles.mixedRate(dir.resolve("mixed.edf"), a.physical(0), 250);
        Path out = dir.resolve("enc.zip");
        CliRun r = CliRun.of("pretrain", "--epochs", "1", "--beats-per-epoch", "16", "--lead", "ECG", "--out",
                out.toString(), edf.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("mixed: ") && r.err().contains("beats detected on lead ECG"), r.err());
        assertEquals(List.of("mixed"), PretrainedEncoder.load(out).card().records());
    }

    @Test
    void recordListsAreRead() {
        assertEquals(22, PretrainCommand.records("DS1").size());
        assertEquals(22, PretrainCommand.records("DS2").size());
        assertEquals(44, PretrainCommand.records("ALL").size());
        assertEquals(List.of("101", "106"), PretrainCommand.records("101, 106"));
        assertThrows(IllegalArgumentException.class, () -> PretrainCommand.records("101,,106"));
    }

    /**
     * Pretrains a CNN encoder on one record; {@code train --encoder} reads the file and refuses,
     * before reading any data, a classifier of another input.
     */
    @Test
    @Tag("integration")
    void pretrainsOnARecordAndTrainReadsTheEncoder() throws Exception {
        ReferenceData.assumeMitdb();
        Path out = dir.resolve("enc.zip");
        Path data = ReferenceData.mitdb().getParent();
        CliRun r = CliRun.of("pretrain", "--records", "101", "--epochs", "2", "--beats-per-epoch", "256", "--out",
                out.toString(), "--data", data.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("epoch 2 done: masked MSE"), r.err());
        assertTrue(r.out().contains("beatflow train --arch cnn --input context --encoder"), r.out());
        PretrainedEncoder e = PretrainedEncoder.load(out);
        assertEquals(List.of("101"), e.card().records());
        assertEquals(2, e.card().epochMaskedMse().size());

        CliRun ds2 = CliRun.of("pretrain", "--records", "100", "--epochs", "1", "--beats-per-epoch", "128", "--out",
                dir.resolve("ds2.zip").toString(), "--data", data.toString());
        assertEquals(0, ds2.exitCode(), ds2.err());
        assertTrue(ds2.err().contains("records [100] are in DS2"), ds2.err());

        CliRun other = CliRun.of("train", "--encoder", out.toString(), "--input", "plain", "--out",
                dir.resolve("m.zip").toString(), "--data", data.toString());
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("does not have the encoder"), other.err());

        // a DS2 record given by its path is noted as DS2 too
        CliRun byPath = CliRun.of("pretrain", "--epochs", "1", "--beats-per-epoch", "128", "--out",
                dir.resolve("ds2path.zip").toString(), ReferenceData.mitdb().resolve("100").toString());
        assertEquals(0, byPath.exitCode(), byPath.err());
        assertTrue(byPath.err().contains("records [100] are in DS2"), byPath.err());

        // a classifier started from the DS2 encoder says so, and its card keeps the encoder's records
        Path fromDs2 = dir.resolve("from-ds2.zip");
        CliRun train = CliRun.of("train", "--encoder", dir.resolve("ds2.zip").toString(), "--epochs", "1",
                "--beats-per-epoch", "128", "--out", fromDs2.toString(), "--data", data.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.err().contains("has seen DS2 records [100]"), train.err());
        io.beatflow.models.ModelCard card = io.beatflow.models.ModelBundle.load(fromDs2).card();
        assertEquals(List.of("100"), card.data().encoderRecords());
        assertTrue(io.beatflow.eval.ModelCards.seenWarning(io.beatflow.models.ModelBundle.toJson(card), List.of("100",
                "103")).startsWith("1 of the 2 records scored (100)"));
    }
}
