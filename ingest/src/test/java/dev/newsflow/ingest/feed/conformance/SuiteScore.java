package dev.newsflow.ingest.feed.conformance;

import java.util.ArrayList;
import java.util.List;

/** Pass counts of one suite; cases checking only unmodelled fields are counted apart, not as passes. */
final class SuiteScore {

    final String suite;
    int passed;
    int failed;
    int notMapped;
    final List<String> failures = new ArrayList<>();

    SuiteScore(String suite) {
        this.suite = suite;
    }

    void add(String name, CaseOutcome outcome) {
        if (outcome instanceof CaseOutcome.Failed failedCase) {
            failed++;
            failures.add(name + ": " + failedCase.why());
        } else if (outcome instanceof CaseOutcome.NotMapped) {
            notMapped++;
        } else {
            passed++;
        }
    }

    int checked() {
        return passed + failed;
    }

    @Override
    public String toString() {
        return String.format("%s: %d/%d (%d more cases check only fields newsflow does not model)",
                suite, passed, checked(), notMapped);
    }
}
