package io.beatflow.datasets;

import io.beatflow.ingest.AnnotationCode;
import java.util.Optional;

/**
 * The five heartbeat classes of ANSI/AAMI EC57:1998/(R)2008 ("Testing and reporting performance
 * results of cardiac rhythm and ST segment measurement algorithms"), as used for the MIT-BIH
 * Arrhythmia Database by de Chazal P, O'Dwyer M, Reilly RB, "Automatic classification of heartbeats
 * using ECG morphology and heartbeat interval features", IEEE Trans Biomed Eng 51(7):1196-1206
 * (2004), Table I.
 *
 * <p>Mapping of the MIT-BIH beat symbols:
 * <ul>
 *   <li>{@link #N} (any beat not in S, V, F, Q): N normal, L left and R right bundle branch block,
 *       e atrial escape, j nodal (junctional) escape;</li>
 *   <li>{@link #S} supraventricular ectopic: A atrial premature, a aberrated atrial premature,
 *       J nodal premature, S supraventricular premature;</li>
 *   <li>{@link #V} ventricular ectopic: V premature ventricular contraction, E ventricular
 *       escape;</li>
 *   <li>{@link #F} fusion of ventricular and normal beat: F;</li>
 *   <li>{@link #Q} unknown: / paced, f fusion of paced and normal, Q unclassifiable.</li>
 * </ul>
 * WFDB beat codes that do not occur in the MIT-BIH Arrhythmia Database are placed by the same
 * definitions: B (bundle branch block, unspecified) in N, n (supraventricular escape: an atrial or
 * nodal escape beat whose origin is not told) in N with e and j, r (R-on-T premature ventricular
 * contraction) in V, ? (learning) in Q. Non-beat annotations
 * (rhythm, noise, comments, non-conducted P waves ...) have no class.
 */
public enum AamiClass {
    /** Normal and bundle-branch-block beats, and escape beats of supraventricular origin. */
    N,
    /** Supraventricular ectopic beats. */
    S,
    /** Ventricular ectopic beats. */
    V,
    /** Fusion of ventricular and normal beats. */
    F,
    /** Paced, paced-fusion and unclassifiable beats. */
    Q;

    /**
     * The AAMI class of an annotation code.
     *
     * @return the class, or empty for codes that do not mark a beat
     */
    public static Optional<AamiClass> of(AnnotationCode code) {
        return Optional.ofNullable(switch (code) {
            case NORMAL, LBBB, RBBB, AESC, NESC, SVESC, BBB -> N;
            case APC, ABERR, NPC, SVPB -> S;
            case PVC, VESC, RONT -> V;
            case FUSION -> F;
            case PACE, PFUS, UNKNOWN, LEARN -> Q;
            default -> null;
        });
    }

    /**
     * The AAMI class of a WFDB beat symbol such as {@code "N"} or {@code "/"}.
     *
     * @return the class, or empty for symbols of non-beat annotations
     * @throws IllegalArgumentException if no WFDB annotation code has the symbol
     */
    public static Optional<AamiClass> ofSymbol(String symbol) {
        return of(AnnotationCode.ofSymbol(symbol));
    }
}
