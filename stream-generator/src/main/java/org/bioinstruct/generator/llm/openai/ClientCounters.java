package org.bioinstruct.generator.llm.openai;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** The client's counters; thread-safe. */
final class ClientCounters {
    /** {@code complete} calls. */
    final LongAdder calls = new LongAdder();
    /** HTTP requests sent, retries and json-mode fallbacks included. */
    final LongAdder requests = new LongAdder();
    /** Calls answered with a usable completion. */
    final LongAdder completions = new LongAdder();
    final LongAdder retries = new LongAdder();
    /** HTTP 429 answers. */
    final LongAdder rateLimited = new LongAdder();
    /** HTTP 5xx answers. */
    final LongAdder serverErrors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder connectionErrors = new LongAdder();
    /** Calls that ended in an {@code LlmException}. */
    final LongAdder failures = new LongAdder();
    final LongAdder truncated = new LongAdder();
    /** 2xx answers without a usable first choice. */
    final LongAdder unusable = new LongAdder();
    /** Completions whose usage the server did not report, so tokens were estimated. */
    final LongAdder usageEstimated = new LongAdder();
    final LongAdder jsonModeFallbacks = new LongAdder();
    final LongAdder limiterWaitMs = new LongAdder();
    final LongAdder promptTokens = new LongAdder();
    final LongAdder completionTokens = new LongAdder();
    final DoubleAdder costUsd = new DoubleAdder();

    Map<String, Number> snapshot() {
        Map<String, Number> out = new LinkedHashMap<>();
        out.put("calls", calls.sum());
        out.put("requests", requests.sum());
        out.put("completions", completions.sum());
        out.put("retries", retries.sum());
        out.put("rateLimited", rateLimited.sum());
        out.put("serverErrors", serverErrors.sum());
        out.put("timeouts", timeouts.sum());
        out.put("connectionErrors", connectionErrors.sum());
        out.put("failures", failures.sum());
        out.put("truncated", truncated.sum());
        out.put("unusable", unusable.sum());
        out.put("usageEstimated", usageEstimated.sum());
        out.put("jsonModeFallbacks", jsonModeFallbacks.sum());
        out.put("limiterWaitMs", limiterWaitMs.sum());
        out.put("promptTokens", promptTokens.sum());
        out.put("completionTokens", completionTokens.sum());
        out.put("costUsd", costUsd.sum());
        return Collections.unmodifiableMap(out);
    }
}
