package org.bioinstruct.model.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * NDArrays from Java arrays that own their memory. On CPU, DJL's PyTorch engine wraps a direct buffer
 * with {@code from_blob} and keeps the buffer alive only through the Java wrapper; once the wrapper is
 * unreachable the buffer can be freed while autograd still holds the tensor for the backward pass, which
 * turns gradients into garbage or NaN at random. A clone owns its storage, so nothing depends on the GC.
 * The same holds for DJL's {@code mul(Number)}-style overloads: they build the scalar that way and close
 * its wrapper at once, while autograd keeps the scalar for backward; the forward pass uses
 * {@link #scalar} instead.
 */
public final class OwnedArrays {
    private OwnedArrays() {
    }

    public static NDArray of(NDManager manager, float[] data, Shape shape) {
        try (NDArray borrowed = manager.create(data, shape)) {
            return borrowed.duplicate();
        }
    }

    /** A 0-dimensional float array that owns its storage, like {@code like}'s manager and device. */
    public static NDArray scalar(NDArray like, float value) {
        return of(like.getManager(), new float[] {value}, new Shape());
    }

    public static NDArray of(NDManager manager, long[] data, Shape shape) {
        try (NDArray borrowed = manager.create(data, shape)) {
            return borrowed.duplicate();
        }
    }

    public static NDArray of(NDManager manager, int[] data, Shape shape) {
        try (NDArray borrowed = manager.create(data, shape)) {
            return borrowed.duplicate();
        }
    }
}
