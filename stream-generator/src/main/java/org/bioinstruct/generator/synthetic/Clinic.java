package org.bioinstruct.generator.synthetic;

import java.util.ArrayList;
import java.util.List;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.LabTest;

/**
 * Clinical context for the synthetic tasks: patients, notes and lay questions built from several random
 * slots (age, sex, setting, history, symptoms, vital signs, plans) in varied sentence frames and orders,
 * so two tasks from one template share few words beyond their answer-bearing facts. The context words
 * never name a drug, gene, genetic disorder or laboratory test of the {@link Lexicon}, so they cannot
 * change an answer.
 */
final class Clinic {
    static final List<String> SETTINGS = List.of("emergency department", "primary care clinic", "cardiology clinic",
            "endocrinology clinic", "medical ward", "virtual clinic", "urgent care center", "geriatric clinic",
            "nephrology clinic", "rheumatology clinic", "preoperative assessment clinic", "community health center",
            "walk-in clinic", "internal medicine ward");
    static final List<String> HISTORY = List.of("hypertension", "type 2 diabetes", "chronic kidney disease stage 3",
            "obesity", "asthma", "COPD", "osteoarthritis of the knee", "hypothyroidism", "atrial fibrillation",
            "prior stroke", "depression", "gout", "heart failure", "hyperlipidemia", "obstructive sleep apnea",
            "migraine", "iron deficiency", "glaucoma", "psoriasis", "previous myocardial infarction",
            "peripheral artery disease", "chronic low back pain", "generalized anxiety", "fatty liver disease",
            "recurrent kidney stones", "celiac disease");
    static final List<String> SYMPTOMS = List.of("fatigue", "shortness of breath on exertion",
            "intermittent chest tightness", "dizziness when standing", "poor sleep", "swollen ankles", "a dry cough",
            "joint pain in both hands", "heartburn after meals", "frequent urination at night", "low mood",
            "morning headaches", "palpitations", "nausea", "lower back pain", "itchy skin", "reduced appetite",
            "blurred vision", "muscle cramps", "burning on urination", "weight loss", "night sweats", "leg pain");
    static final List<String> ADVICE = List.of("walk thirty minutes a day", "reduce salt in the diet",
            "limit alcohol", "stop smoking", "keep a symptom diary", "check blood pressure at home",
            "drink more fluids", "avoid heavy lifting", "lose weight gradually", "eat smaller meals",
            "raise the head of the bed", "bring all medicine boxes to the next visit");
    static final List<String> SPECIALTIES = List.of("cardiology", "dietetics", "physiotherapy", "endocrinology",
            "nephrology", "psychiatry", "a clinical pharmacist", "sleep medicine", "rheumatology", "a diabetes educator",
            "social work");
    static final List<String> RELATIVES = List.of("mother", "father", "husband", "wife", "grandmother",
            "grandfather", "aunt", "uncle", "sister", "brother", "neighbor", "partner");
    static final List<String> LAY_HISTORY = List.of("high blood pressure", "sugar problems", "a bad knee",
            "weak kidneys", "an underactive thyroid", "high cholesterol", "acid reflux", "arthritis",
            "an irregular heartbeat", "breathing trouble", "back problems", "trouble sleeping");
    static final List<String> LAY_SYMPTOMS = List.of("tired all the time", "a bit dizzy", "short of breath",
            "queasy in the mornings", "achy", "more thirsty than usual", "low", "wiped out after walking",
            "puffy around the ankles", "jittery");
    static final List<String> UNITS = List.of("days", "weeks", "months");

    static final int COMPLAINT = 0;
    static final int VITALS = 1;
    static final int PLAN = 2;
    private static final List<Integer> ALL_CONTEXT = List.of(COMPLAINT, VITALS, PLAN);
    private static final List<Integer> VITAL_SIGNS = List.of(0, 1, 2, 3, 4, 5);

    private Clinic() {
    }

    /** A patient with an age, a sex, where they are seen and one to three past conditions. */
    record Patient(int age, boolean woman, String setting, List<String> history) {
        static Patient random(Pick p) {
            return new Patient(p.between(19, 93), p.chance(0.5), p.one(SETTINGS),
                    p.distinct(HISTORY, p.between(1, 3)));
        }

        String sex() {
            return woman ? "woman" : "man";
        }

        String pronoun() {
            return woman ? "She" : "He";
        }

        String possessive() {
            return woman ? "Her" : "His";
        }

        String historyText() {
            return Text.series(history);
        }
    }

    /** The opening sentence of a note, in one of several frames. */
    static String intro(Pick p, Patient pt) {
        String age = pt.age() + "-year-old " + pt.sex();
        return switch (p.between(0, 5)) {
            case 0 -> "A " + age + " with " + pt.historyText() + " presented to the " + pt.setting() + ".";
            case 1 -> Text.capitalize(age) + " seen in the " + pt.setting() + "; history of " + pt.historyText() + ".";
            case 2 -> "The patient is a " + age + " with a history of " + pt.historyText() + ", reviewed in the "
                    + pt.setting() + ".";
            case 3 -> Text.capitalize(pt.setting()) + " note: " + age + ", known " + pt.historyText() + ".";
            case 4 -> "Patient: " + (pt.woman() ? "female" : "male") + ", " + pt.age() + " years; background of "
                    + pt.historyText() + "; seen in the " + pt.setting() + ".";
            default -> "We saw a " + age + " in the " + pt.setting() + " whose past history includes "
                    + pt.historyText() + ".";
        };
    }

    static String complaint(Pick p, Patient pt) {
        String symptoms = Text.series(p.distinct(SYMPTOMS, p.between(1, 2)));
        String duration = p.between(2, 11) + " " + p.one(UNITS);
        return switch (p.between(0, 3)) {
            case 0 -> pt.pronoun() + " reports " + symptoms + " for " + duration + ".";
            case 1 -> "Presenting complaint: " + symptoms + " over the past " + duration + ".";
            case 2 -> pt.pronoun() + " describes " + duration + " of " + symptoms + ".";
            default -> "Main concern today is " + symptoms + ", present for about " + duration + ".";
        };
    }

    static String vitals(Pick p) {
        List<String> chosen = new ArrayList<>();
        for (int item : p.distinct(VITAL_SIGNS, p.between(2, 4))) {
            chosen.add(switch (item) {
                case 0 -> "BP " + p.between(98, 178) + "/" + p.between(56, 104) + " mmHg";
                case 1 -> "HR " + p.between(52, 118) + "/min";
                case 2 -> "SpO2 " + p.between(89, 100) + "%";
                case 3 -> "T " + p.between(35, 38) + "." + p.between(0, 9) + " °C";
                case 4 -> "RR " + p.between(12, 26) + "/min";
                default -> "weight " + p.between(45, 135) + " kg";
            });
        }
        return switch (p.between(0, 2)) {
            case 0 -> "Vitals: " + String.join(", ", chosen) + ".";
            case 1 -> "On examination " + String.join(", ", chosen) + ".";
            default -> "Observations " + String.join("; ", chosen) + ".";
        };
    }

    static String plan(Pick p, Patient pt) {
        return switch (p.between(0, 4)) {
            case 0 -> "Follow-up is booked in " + p.between(2, 12) + " weeks.";
            case 1 -> pt.pronoun() + " was advised to " + p.one(ADVICE) + ".";
            case 2 -> "Repeat blood tests are planned in " + p.between(3, 30) + " days.";
            case 3 -> "A referral to " + p.one(SPECIALTIES) + " was made.";
            default -> pt.pronoun() + " will return in " + p.between(1, 6) + " months and was told to "
                    + p.one(ADVICE) + ".";
        };
    }

    /** A drug start in one of several frames, with one of its usual regimens. */
    static String medication(Pick p, Patient pt, Drug d) {
        String dose = d.name() + " " + p.one(d.regimens());
        return switch (p.between(0, 4)) {
            case 0 -> pt.pronoun() + " was started on " + dose + ".";
            case 1 -> "Current treatment includes " + dose + ".";
            case 2 -> pt.pronoun() + " has taken " + dose + " for " + p.between(2, 30) + " " + p.one(UNITS) + ".";
            case 3 -> "Medication: " + dose + ", well tolerated.";
            default -> "The team prescribed " + dose + " at this visit.";
        };
    }

    /**
     * A note: the intro, then the task's own sentences mixed in random order with zero to three context
     * sentences (complaint, vitals, plan). The task's sentences keep their relative order.
     */
    static String note(Pick p, Patient pt, List<String> taskSentences) {
        return note(p, pt, taskSentences, ALL_CONTEXT);
    }

    /**
     * As {@link #note(Pick, Patient, List)}, with context only of the given kinds ({@link #COMPLAINT},
     * {@link #VITALS}, {@link #PLAN}), so that the context cannot contradict what the task itself states.
     */
    static String note(Pick p, Patient pt, List<String> taskSentences, List<Integer> contextKinds) {
        List<String> body = new ArrayList<>();
        for (int kind : p.distinct(contextKinds, p.between(1, contextKinds.size()))) {
            body.add(kind == COMPLAINT ? complaint(p, pt) : kind == VITALS ? vitals(p) : plan(p, pt));
        }
        int at = 0;
        for (String sentence : taskSentences) {
            at = p.between(at, body.size());
            body.add(at++, sentence);
        }
        return intro(p, pt) + " " + String.join(" ", body);
    }

    static String note(Pick p, Patient pt, String taskSentence) {
        return note(p, pt, List.of(taskSentence));
    }

    static final List<String> LAY_ASIDES = List.of("I forgot to ask at the appointment.",
            "The leaflet is very long and confusing.", "I don't want to bother the doctor again.",
            "The pharmacist was too busy to explain.", "I take a few other tablets already.",
            "My daughter looked it up online but got confused.", "I have never taken anything like it.",
            "We are travelling next month.", "I am a little nervous about side effects.");

    /** The background sentences of a lay question, in the patient's or a relative's voice. */
    static String layOpening(Pick p, int age) {
        String background = switch (p.between(0, 2)) {
            case 0 -> " I also have " + p.one(LAY_HISTORY) + ".";
            case 1 -> " Lately I have been feeling " + p.one(LAY_SYMPTOMS) + " for " + duration(p) + ".";
            default -> "";
        } + (p.chance(0.6) ? " " + p.one(LAY_ASIDES) : "");
        return switch (p.between(0, 4)) {
            case 0 -> "I'm " + age + "." + background;
            case 1 -> "Hi, I am " + age + " years old." + background;
            case 2 -> "Asking for my " + p.one(RELATIVES) + ", who is " + age + " and has " + p.one(LAY_HISTORY) + ".";
            case 3 -> "Hello from a " + age + "-year-old " + (p.chance(0.5) ? "woman" : "man") + " with "
                    + p.one(LAY_HISTORY) + "." + background;
            default -> "Quick question from a " + age + "-year-old." + background;
        };
    }

    /** A lay sentence naming a new prescription, neutral about who takes it. */
    static String layPrescription(Pick p, Drug d) {
        String dose = d.name() + " " + p.one(d.regimens());
        return switch (p.between(0, 3)) {
            case 0 -> "The pharmacy label says " + dose + ".";
            case 1 -> "The new prescription is for " + dose + ".";
            case 2 -> "The doctor started " + dose + " " + p.between(2, 9) + " days ago.";
            default -> "We were handed a script for " + dose + " at the " + p.one(SETTINGS) + ".";
        };
    }

    /** A result for a lab test, inside its reference interval about half the time. */
    static double labValue(Pick p, LabTest t) {
        boolean inRange = p.chance(0.5);
        double lo = inRange ? Math.max(t.min(), t.low()) : t.min();
        double hi = inRange ? t.high() : t.max();
        return lo + (hi - lo) * p.unit();
    }

    static String duration(Pick p) {
        return p.between(2, 11) + " " + p.one(UNITS);
    }
}
