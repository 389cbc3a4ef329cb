package io.beatflow.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names and model cards with markup, commas and quotes survive every renderer intact. */
class RendererEscapingTest {
    private static final String NAME = "cnn <script>alert(1)</script>, \"v2\"";

    @Test
    void htmlEscapesCsvQuotesAndJsonKeepsTheModelCardStructured() throws Exception {
        Predictions p = BootstrapBenchmark.synthetic(600, 3, 1);
        Evaluation e = new ClassifierEvaluator(EvaluationConfig.defaults()
                .withBootstrap(BootstrapConfig.defaults().withReplicates(100).withThreads(1)))
                .evaluate(NAME, p, "{\"note\": \"</pre><b>x</b>\", \"layers\": [1, 2]}");
        EvaluationReport r = new EvaluationReport(List.of(e), List.of(), null);

        String html = HtmlReportRenderer.render(r);
        assertFalse(html.contains("<script>"), "model name must be escaped in HTML");
        assertTrue(html.contains("cnn &lt;script&gt;alert(1)&lt;/script&gt;, &quot;v2&quot;"));
        assertFalse(html.contains("</pre><b>x</b>"), "model card must be escaped in HTML");

        String metrics = CsvReportRenderer.render(r).get("metrics.csv");
        String firstRow = metrics.lines().skip(1).findFirst().orElseThrow();
        assertTrue(firstRow.startsWith("\"cnn <script>alert(1)</script>, \"\"v2\"\"\",,accuracy,"), firstRow);

        Map<String, Object> model = JsonTree.obj(JsonTree.list(JsonTree.obj(JsonTree.parse(
                JsonReportRenderer.render(r))).get("models")).get(0));
        assertEquals(NAME, model.get("model"));
        Map<String, Object> card = JsonTree.obj(JsonTree.obj(model.get("provenance")).get("model_card"));
        assertEquals("</pre><b>x</b>", card.get("note"));
        assertEquals(2, JsonTree.list(card.get("layers")).size());
    }
}
