package io.beatflow.models.internal;

import io.beatflow.models.ModelConfig;
import io.beatflow.models.TransformerConfig;
import java.io.IOException;
import java.io.InputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/** Creates and reads {@link BeatNetwork}s of every architecture. */
public final class Networks {
    private Networks() {
    }

    /**
     * A new network.
     *
     * @param stepsPerEpoch optimiser steps per epoch (the learning rate is multiplied by
     *     {@code decay} after each epoch)
     */
    public static BeatNetwork create(ModelConfig config, long seed, double learningRate, double decay,
            int stepsPerEpoch, double weightDecay, double gradientClip, float[] classWeights) {
        Backend.requireUsableDevice();
        ISchedule lr = new StepSchedule(ScheduleType.ITERATION, learningRate, decay, Math.max(1, stepsPerEpoch));
        if (config instanceof TransformerConfig t) {
            return TransformerNetwork.create(t,
                    new TransformerNetwork.Training(seed, lr, weightDecay, gradientClip, t.head().dropout()), classWeights);
        }
        ComputationGraph g = GraphNetworks.create(config,
                new GraphNetworks.Optimiser(seed, lr, weightDecay, gradientClip, classWeights));
        return new GraphNetwork(g, config.input().channels(), config.input().windowSamples(), config.input().rrInputs(),
                config.head().classes());
    }

    /**
     * Reads a network stored by {@link BeatNetwork#write}.
     *
     * @throws IllegalArgumentException if the format does not suit the architecture
     */
    public static BeatNetwork read(ModelConfig config, String format, InputStream in) throws IOException {
        Backend.requireUsableDevice();
        boolean transformer = config instanceof TransformerConfig;
        String expected = transformer ? TransformerNetwork.FORMAT : GraphNetworks.FORMAT;
        if (!expected.equals(format)) {
            throw new IllegalArgumentException("network format '" + format + "' does not suit architecture "
                    + config.architecture().id() + " (expected '" + expected + "')");
        }
        int c = config.input().channels();
        int l = config.input().windowSamples();
        int rr = config.input().rrInputs();
        int k = config.head().classes();
        if (transformer) {
            return TransformerNetwork.read(in, c, l, rr, k);
        }
        ComputationGraph g = ModelSerializer.restoreComputationGraph(in, false);
        return new GraphNetwork(g, c, l, rr, k);
    }
}
