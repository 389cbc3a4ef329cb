package io.beatflow.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** What a JSON model card says about the data its model has seen. */
public final class ModelCards {
    private ModelCards() {
    }

    /**
     * The records whose beats trained or validated the model, or whose signals its encoder saw
     * before: every {@code trainingRecords}, {@code validationRecords} and {@code encoderRecords}
     * list of a {@code data} object in the card (its own and those of the cards it holds, such as
     * class experts'). Empty for a null card or one without them.
     *
     * @throws IllegalArgumentException if the card is not valid JSON
     */
    public static SortedSet<String> seenRecords(String cardJson) {
        SortedSet<String> seen = new TreeSet<>();
        if (cardJson == null) {
            return seen;
        }
        try (JsonParser p = new JsonFactory().createParser(cardJson)) {
            Deque<String> open = new ArrayDeque<>(); // the field name of each open object or array
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> field = p.currentName();
                    case START_ARRAY, START_OBJECT -> {
                        if (t == JsonToken.START_ARRAY && "data".equals(open.peek()) && ("trainingRecords".equals(field)
                                || "validationRecords".equals(field) || "encoderRecords".equals(field))) {
                            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY && e != null; e = p.nextToken()) {
                                if (e == JsonToken.VALUE_STRING) {
                                    seen.add(p.getText());
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            open.push(field == null ? "" : field);
                        }
                        field = null;
                    }
                    case END_ARRAY, END_OBJECT -> open.pop();
                    default -> field = null;
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("model card is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seen;
    }

    /**
     * A warning when some of {@code scored} trained or validated the model of {@code cardJson}
     * (their figures are then no test of it), or null when none did.
     */
    public static String seenWarning(String cardJson, Collection<String> scored) {
        SortedSet<String> seen = seenRecords(cardJson);
        List<String> both = scored.stream().filter(seen::contains).sorted().toList();
        if (both.isEmpty()) {
            return null;
        }
        return both.size() + " of the " + scored.size() + " records scored (" + String.join(", ", both) + ") trained or"
                + " validated this model, or pretrained its encoder, by its card: their figures are not a test of it"
                + " (for MIT-BIH models trained on DS1, score DS2)";
    }
}
