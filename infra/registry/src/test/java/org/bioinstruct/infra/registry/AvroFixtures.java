package org.bioinstruct.infra.registry;

/** Schema texts of one record type evolving version by version. */
final class AvroFixtures {
    /** {name} */
    static final String V1 = """
            {"type":"record","name":"Task","namespace":"test","fields":[
              {"name":"name","type":"string"}]}""";
    /** adds a field with a default: compatible both ways */
    static final String V2_OPTIONAL_FIELD = """
            {"type":"record","name":"Task","namespace":"test","fields":[
              {"name":"name","type":"string"},
              {"name":"category","type":"string","default":"OTHER"}]}""";
    /** makes that field required: readable from V2 data, not from V1 data */
    static final String V3_REQUIRED_FIELD = """
            {"type":"record","name":"Task","namespace":"test","fields":[
              {"name":"name","type":"string"},
              {"name":"category","type":"string"}]}""";
    /** adds a required field that no earlier version wrote */
    static final String REQUIRED_NEW_FIELD = """
            {"type":"record","name":"Task","namespace":"test","fields":[
              {"name":"name","type":"string"},
              {"name":"score","type":"double"}]}""";
    /** drops the only field earlier readers need */
    static final String NAME_REMOVED = """
            {"type":"record","name":"Task","namespace":"test","fields":[
              {"name":"score","type":"double","default":0.0}]}""";
    static final String OTHER_RECORD = """
            {"type":"record","name":"Other","namespace":"test","fields":[{"name":"x","type":"int"}]}""";

    private AvroFixtures() {
    }
}
