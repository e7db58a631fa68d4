package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.bioinstruct.schemas.avro.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What travels between operators and sits in state is a Flink POJO, never a Kryo-serialized type. */
class FlinkTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {InstructionExample.class, DeadLetter.class, DecodedRecord.class, ShardDescriptor.class})
    void serializesWithoutTheKryoFallback(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertInstanceOf(PojoTypeInfo.class, info);
        assertDoesNotThrow(() -> info.createSerializer(noGenericTypes()));
    }

    @Test
    void roundTripsAShardDescriptor() throws Exception {
        ShardDescriptor shard = ShardDescriptor.of("train-000001", Split.TRAIN,
                new WrittenShard("file:///s/train-000001.jsonl", "00ff", 10),
                List.of(Examples.example("a", 0, 1), Examples.example("b", 1, 2)), 7, "jsonl");
        TypeSerializer<ShardDescriptor> serializer =
                TypeInformation.of(ShardDescriptor.class).createSerializer(noGenericTypes());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(shard, out);

        assertEquals(shard, serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())));
    }

    private static SerializerConfigImpl noGenericTypes() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return config;
    }
}
