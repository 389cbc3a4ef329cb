package io.beatflow.ingest;

import io.beatflow.ingest.internal.BiquadCascade;
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
public final class FilterChain extends CascadeFilter {
    private final List<SignalFilter> filters;
    private final double sampleRateHz;

    private FilterChain(List<SignalFilter> filters) {
        super(chain(filters));
        this.filters = List.copyOf(filters);
        this.sampleRateHz = filters.get(0).sampleRateHz();
    }

    private static BiquadCascade chain(List<SignalFilter> filters) {
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("filter chain: no filters given");
        }
        double sampleRateHz = filters.get(0).sampleRateHz();
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
        return BiquadCascade.concat(parts);
    }

    private static BiquadCascade cascadeOf(SignalFilter f) {
        if (f instanceof CascadeFilter c) {
            return c.cascade();
        }
        if (f instanceof BaselineWanderFilter w) {
            return w.cascade(); // null for the median form
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
    public String toString() {
        return filters.stream().map(Object::toString).collect(Collectors.joining(" -> ", "chain[", "]"));
    }
}
