package org.bioinstruct.generator.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Abstract-like passages: a study-design sentence with cohort size, place and years, the task's own
 * sentences, and random result sentences with numbers, shuffled. The filler names no gene, disorder,
 * drug or laboratory test of the {@link Lexicon}.
 */
final class Studies {
    static final List<String> DESIGNS = List.of("retrospective cohort study", "prospective cohort study",
            "case-control study", "cross-sectional study", "registry-based study", "multicenter observational study",
            "population-based screening study", "family-based study");
    static final List<String> PARTICIPANTS = List.of("patients", "probands", "families", "children", "adults",
            "newborns", "adolescents", "relatives");
    static final List<String> COUNTRIES = List.of("Sweden", "Brazil", "Japan", "Canada", "Nigeria", "India",
            "Italy", "Australia", "Chile", "Egypt", "Germany", "South Korea", "Mexico", "Finland", "Turkey",
            "Portugal", "Kenya", "Vietnam");
    static final List<String> METHODS = List.of("exome sequencing", "targeted panel sequencing",
            "genome sequencing", "Sanger sequencing", "multiplex ligation-dependent probe amplification",
            "long-read sequencing");
    private static final String BASES = "ACGT";

    private Studies() {
    }

    static String design(Pick p) {
        int start = p.between(1998, 2016);
        String who = p.between(24, 4800) + " " + p.one(PARTICIPANTS);
        return switch (p.between(0, 3)) {
            case 0 -> "We conducted a " + p.one(DESIGNS) + " of " + who + " in " + p.one(COUNTRIES) + " between "
                    + start + " and " + (start + p.between(2, 9)) + ".";
            case 1 -> "This " + p.one(DESIGNS) + " enrolled " + who + " from " + p.between(2, 31) + " centers in "
                    + p.one(COUNTRIES) + ".";
            case 2 -> "Between " + start + " and " + (start + p.between(2, 9)) + ", " + who + " in "
                    + p.one(COUNTRIES) + " underwent " + p.one(METHODS) + ".";
            default -> "In a " + p.one(DESIGNS) + " from " + p.one(COUNTRIES) + ", we studied " + who + ".";
        };
    }

    private static final List<Integer> FINDING_KINDS = List.of(0, 1, 2, 3, 4, 5, 6);

    static String finding(Pick p, int kind) {
        int median = p.between(2, 58);
        return switch (kind) {
            case 0 -> "Median age at diagnosis was " + median + " years (IQR " + p.between(Math.max(0, median - 15),
                    median) + "-" + p.between(median, median + 20) + ").";
            case 1 -> "The diagnostic yield was " + percent(p) + ".";
            case 2 -> "Median follow-up was " + String.format(Locale.ROOT, "%.1f", p.between(8, 140) / 10.0) + " years.";
            case 3 -> percent(p) + " of participants were female.";
            case 4 -> "Variants of uncertain significance were reported in " + p.between(2, 97) + " cases.";
            case 5 -> "Testing was performed by " + p.one(METHODS) + ".";
            default -> "Consanguinity was reported in " + percent(p) + " of families.";
        };
    }

    /** A design sentence, then the task's sentences in order mixed with one to three findings. */
    static String passage(Pick p, List<String> taskSentences) {
        List<String> body = new ArrayList<>();
        for (int kind : p.distinct(FINDING_KINDS, p.between(1, 3))) {
            body.add(finding(p, kind));
        }
        int at = 0;
        for (String sentence : taskSentences) {
            at = p.between(at, body.size());
            body.add(at++, sentence);
        }
        return design(p) + " " + String.join(" ", body);
    }

    static String passage(Pick p, String taskSentence) {
        return passage(p, List.of(taskSentence));
    }

    /** A coding-DNA substitution in HGVS notation, e.g. c.1521G>A. */
    static String variant(Pick p) {
        int ref = p.between(0, 3);
        int alt = (ref + p.between(1, 3)) % 4;
        return "c." + p.between(34, 4999) + BASES.charAt(ref) + ">" + BASES.charAt(alt);
    }

    static String percent(Pick p) {
        return String.format(Locale.ROOT, "%.1f%%", p.between(20, 950) / 10.0);
    }
}
