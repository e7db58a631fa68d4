package org.bioinstruct.model.io;

/**
 * Conversions between float32 and the two 16-bit float formats of safetensors checkpoints. Java 17 has no
 * {@code Float.float16ToFloat}; bf16 must be widened here because DJL's PyTorch JNI crashes on bf16 tensors.
 * Narrowing rounds to nearest, ties to even, as PyTorch does.
 */
final class HalfFloats {
    private HalfFloats() {
    }

    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    static float f16ToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // zero or subnormal: mantissa * 2^-24, exact in float32
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        float abs = Math.abs(value);
        if (Float.isNaN(value)) {
            return (short) (sign | 0x7E00);
        }
        if (abs >= 65520f) {
            // 65520 and above round to infinity in binary16
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x1p-14f) {
            // subnormal range: round abs / 2^-24 to the nearest integer, ties to even
            return (short) (sign | (int) Math.rint(abs * 0x1p24f));
        }
        int absBits = bits & 0x7FFFFFFF;
        int rounding = 0xFFF + ((absBits >>> 13) & 1);
        int rounded = absBits + rounding;
        return (short) (sign | (((rounded >>> 23) - 112) << 10) | ((rounded >>> 13) & 0x3FF));
    }
}
