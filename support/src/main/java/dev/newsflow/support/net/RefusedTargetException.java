package dev.newsflow.support.net;

import java.io.IOException;
import java.util.Objects;

/** A connection was not made because the target's host resolves to a non-public address. */
public final class RefusedTargetException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient TargetGuard.Verdict.Refused verdict;

    public RefusedTargetException(TargetGuard.Verdict.Refused verdict) {
        super(Objects.requireNonNull(verdict, "verdict").describe());
        this.verdict = verdict;
    }

    public TargetGuard.Verdict.Refused verdict() {
        return verdict;
    }
}
