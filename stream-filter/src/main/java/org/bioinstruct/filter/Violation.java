package org.bioinstruct.filter;

/** Why one task fails validation: the reason code and a detail naming the rule and the offending value. */
public record Violation(RejectReason reason, String detail) {
}
