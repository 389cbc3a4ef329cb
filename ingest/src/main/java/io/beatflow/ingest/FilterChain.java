package io.beatflow.ingest;

import io.beatflow.ingest.internal.BiquadCascade;
import io.beatflow.ingest.internal.ZeroPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Several IIR filters of one sample rate run as one cascade, e.g. a mains notch then the ECG
 * band-pass. The sections of all filters are run back to back in {@code double}, so a chain is as
 * fast as its sections and rounds to {@code float} once, at the end (a chain therefore differs
 * from applying its filters one by one only in the last float bit or so). Zero-phase filtering of
 * a chain is one forward-backward pass through all sections, padded for the slowest pole among them.
 * The two-stage median baseline filter is not an IIR filter and cannot be chained (apply it
 * before or after).
 */
public final class FilterChain implements SignalFilter {
    private final List<SignalFilter> filters;
    private final double sampleRateHz;
    private final BiquadCascade cascade;

    private FilterChain(List<SignalFilter> filters) {
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("filter chain: no filters given");
        }
        this.filters = List.copyOf(filters);
        this.sampleRateHz = filters.get(0).sampleRateHz();
        List<BiquadCascade> parts = new ArrayList<>();
        for (SignalFilter f : filters) {
            Objects.requireNonNull(f, "filter");
            if (f.sampleRateHz() != sampleRateHz) {
                throw new IllegalArgumentException("filter chain: " + f + " is designed for " + f.sampleRateHz()
                        + " Hz but the chain runs at " + sampleRateHz + " Hz");
            }
            BiquadCascade c = cascadeOf(f);
            if (c == null) {
                throw new IllegalArgumentException("filter chain: " + f + " is not an IIR filter and cannot be chained");
            }
            parts.add(c);
        }
        this.cascade = BiquadCascade.concat(parts);
    }

    private static BiquadCascade cascadeOf(SignalFilter f) {
        if (f instanceof BandPassFilter b) {
            return b.cascade();
        }
        if (f instanceof NotchFilter n) {
            return n.cascade();
        }
        if (f instanceof BaselineWanderFilter w) {
            return w.cascade();
        }
        if (f instanceof FilterChain c) {
            return c.cascade;
        }
        return null;
    }

    /**
     * The filters in the order they run.
     *
     * @throws IllegalArgumentException if none is given, the rates differ, or a filter is not IIR
     *     (the median baseline filter)
     */
    public static FilterChain of(SignalFilter... filters) {
        return new FilterChain(List.of(filters));
    }

    /** Mains notch (50 or 60 Hz) then the 0.5-40 Hz order-2 band-pass. */
    public static FilterChain ecg(double sampleRateHz, double mainsHz) {
        return of(NotchFilter.powerLine(sampleRateHz, mainsHz), new BandPassFilter(BandPassConfig.ecg(sampleRateHz)));
    }

    /** The filters, in order. */
    public List<SignalFilter> filters() {
        return filters;
    }

    @Override
    public double sampleRateHz() {
        return sampleRateHz;
    }

    @Override
    public float[] applyZeroPhase(float[] x) {
        return ZeroPhase.filter(cascade, x);
    }

    @Override
    public IncrementalFilter newIncremental() {
        return new IncrementalFilter(toString(), cascade);
    }

    @Override
    public String toString() {
        return filters.stream().map(Object::toString).collect(Collectors.joining(" -> ", "chain[", "]"));
    }
}
