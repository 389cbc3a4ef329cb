package io.beatflow.datasets;

import java.util.List;
import java.util.Objects;

/**
 * One record of the MIT-BIH Arrhythmia Database catalogue.
 *
 * @param name record name, e.g. {@code "100"}
 * @param leads lead names in storage order, as in the record's header, e.g. {@code [MLII, V1]}
 * @param paced whether the subject had a pacemaker (records 102, 104, 107, 217)
 */
public record MitBihRecord(String name, List<String> leads, boolean paced) {
    public MitBihRecord {
        Objects.requireNonNull(name, "name");
        leads = List.copyOf(leads);
        if (leads.isEmpty()) {
            throw new IllegalArgumentException("record " + name + ": no leads");
        }
    }

    /** Whether the record has a modified limb lead II (all but 102 and 104). */
    public boolean hasMlii() {
        return leads.contains("MLII");
    }

    /**
     * The storage index of the named lead.
     *
     * @throws IllegalArgumentException naming the record's leads if it has no such lead
     */
    public int leadIndex(String lead) {
        int i = leads.indexOf(lead);
        if (i < 0) {
            throw new IllegalArgumentException("record " + name + " has no lead " + lead + "; its leads are " + leads);
        }
        return i;
    }

    /** The index of MLII where present, otherwise of the first lead (V5 in records 102 and 104). */
    public int preferredLeadIndex() {
        return hasMlii() ? leads.indexOf("MLII") : 0;
    }
}
