package io.beatflow.ingest;

/**
 * The PhysioNet (WFDB) annotation codes, with their mnemonic symbols.
 *
 * <p>Codes and symbols follow WFDB's {@code ecgcodes.h} and the PhysioNet annotation
 * documentation ("Table of WFDB annotation codes", physionet.org/physiotools/wag/annot-5.htm).
 * {@link #isBeat()} follows WFDB's {@code isqrs()} table: the codes that mark a QRS complex.
 * Codes 42-49 are user-defined in WFDB and are read and written as {@link #USER_42} ...
 * {@link #USER_49}.
 */
public enum AnnotationCode {
    NOTQRS(0, " ", false, "not-QRS"),
    NORMAL(1, "N", true, "normal beat"),
    LBBB(2, "L", true, "left bundle branch block beat"),
    RBBB(3, "R", true, "right bundle branch block beat"),
    ABERR(4, "a", true, "aberrated atrial premature beat"),
    PVC(5, "V", true, "premature ventricular contraction"),
    FUSION(6, "F", true, "fusion of ventricular and normal beat"),
    NPC(7, "J", true, "nodal (junctional) premature beat"),
    APC(8, "A", true, "atrial premature beat"),
    SVPB(9, "S", true, "supraventricular premature or ectopic beat"),
    VESC(10, "E", true, "ventricular escape beat"),
    NESC(11, "j", true, "nodal (junctional) escape beat"),
    PACE(12, "/", true, "paced beat"),
    UNKNOWN(13, "Q", true, "unclassifiable beat"),
    NOISE(14, "~", false, "signal quality change"),
    CODE_15(15, "[15]", false, "unassigned"),
    ARFCT(16, "|", false, "isolated QRS-like artifact"),
    CODE_17(17, "[17]", false, "unassigned"),
    STCH(18, "s", false, "ST change"),
    TCH(19, "T", false, "T-wave change"),
    SYSTOLE(20, "*", false, "systole"),
    DIASTOLE(21, "D", false, "diastole"),
    NOTE(22, "\"", false, "comment annotation"),
    MEASURE(23, "=", false, "measurement annotation"),
    PWAVE(24, "p", false, "P-wave peak"),
    BBB(25, "B", true, "bundle branch block beat (unspecified)"),
    PACESP(26, "^", false, "non-conducted pacer spike"),
    TWAVE(27, "t", false, "T-wave peak"),
    RHYTHM(28, "+", false, "rhythm change"),
    UWAVE(29, "u", false, "U-wave peak"),
    LEARN(30, "?", true, "learning"),
    FLWAV(31, "!", false, "ventricular flutter wave"),
    VFON(32, "[", false, "start of ventricular flutter/fibrillation"),
    VFOFF(33, "]", false, "end of ventricular flutter/fibrillation"),
    AESC(34, "e", true, "atrial escape beat"),
    SVESC(35, "n", true, "supraventricular escape beat"),
    LINK(36, "@", false, "link to external data"),
    NAPC(37, "x", false, "non-conducted P-wave (blocked APC)"),
    PFUS(38, "f", true, "fusion of paced and normal beat"),
    WFON(39, "(", false, "waveform onset"),
    WFOFF(40, ")", false, "waveform end"),
    RONT(41, "r", true, "R-on-T premature ventricular contraction"),
    USER_42(42, "[42]", false, "user-defined"),
    USER_43(43, "[43]", false, "user-defined"),
    USER_44(44, "[44]", false, "user-defined"),
    USER_45(45, "[45]", false, "user-defined"),
    USER_46(46, "[46]", false, "user-defined"),
    USER_47(47, "[47]", false, "user-defined"),
    USER_48(48, "[48]", false, "user-defined"),
    USER_49(49, "[49]", false, "user-defined");

    /** Largest valid code (WFDB's ACMAX). */
    public static final int MAX_CODE = 49;

    private static final AnnotationCode[] BY_CODE = new AnnotationCode[MAX_CODE + 1];

    static {
        for (AnnotationCode c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final int code;
    private final String symbol;
    private final boolean beat;
    private final String description;

    AnnotationCode(int code, String symbol, boolean beat, String description) {
        this.code = code;
        this.symbol = symbol;
        this.beat = beat;
        this.description = description;
    }

    /** The numeric code as stored in annotation files (0-49). */
    public int code() {
        return code;
    }

    /** The mnemonic symbol, e.g. {@code "N"} or {@code "+"}. */
    public String symbol() {
        return symbol;
    }

    /** Whether the code marks a QRS complex (WFDB {@code isqrs}). */
    public boolean isBeat() {
        return beat;
    }

    /** A short description, as in the PhysioNet table. */
    public String description() {
        return description;
    }

    /**
     * The annotation code with this number.
     *
     * @throws IllegalArgumentException if {@code code} is outside 0-49
     */
    public static AnnotationCode of(int code) {
        if (code < 0 || code > MAX_CODE) {
            throw new IllegalArgumentException("annotation code must be in [0, " + MAX_CODE + "], got " + code);
        }
        return BY_CODE[code];
    }

    /**
     * The annotation code with this mnemonic symbol (exact match, case-sensitive: {@code "j"} and
     * {@code "J"} differ).
     *
     * @throws IllegalArgumentException if no code has the symbol
     */
    public static AnnotationCode ofSymbol(String symbol) {
        for (AnnotationCode c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown annotation symbol '" + symbol + "'");
    }
}
