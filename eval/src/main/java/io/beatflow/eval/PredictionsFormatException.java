package io.beatflow.eval;

import java.io.IOException;

/** A predictions file that cannot be read; the message names the file, the line and the defect. */
public final class PredictionsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    /**
     * @param file file name
     * @param line 1-based line number, 0 for the whole file
     * @param problem what is wrong
     */
    public PredictionsFormatException(String file, long line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file name. */
    public String file() {
        return file;
    }

    /** The 1-based line number, 0 when the defect concerns the whole file. */
    public long line() {
        return line;
    }
}
