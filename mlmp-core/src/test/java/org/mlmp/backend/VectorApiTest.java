package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** When the Vector API is used, and the byte view of an array that its loops read. */
class VectorApiTest {
  @Test
  void theTestJvmHasTheModuleSoTheVectorApiIsOn() {
    assertTrue(VectorApi.enabled(), VectorApi.status());
    assertTrue(VectorApi.status().startsWith("on (jdk.incubator.vector"), VectorApi.status());
  }

  @Test
  void eachReasonToBeOffNamesItsFix() {
    assertNull(VectorApi.reason(null, true, null));
    assertNull(VectorApi.reason("true", true, null));
    assertEquals("turned off by -Dmlmp.vectorApi=false", VectorApi.reason(" FALSE", true, null));
    assertEquals("the JVM was started without --add-modules=jdk.incubator.vector (./mlmp adds it; add it to your java"
        + " command for faster Adam and dense-layer passes)", VectorApi.reason(null, false, null));
    assertEquals("its Adam pass failed to run (x)", VectorApi.reason(null, true, "its Adam pass failed to run (x)"));
  }

  /** HostFloats.bytes: element i at byte 4i in the platform's order, over the whole buffer, writes go through. */
  @Test
  void bytesViewTheWholeBufferInNativeOrder() {
    var a = Nd4j.createFromArray(1.5f, -2f, 3.25f, 1e-30f, 7f);
    ByteBuffer b = HostFloats.bytes(a);
    assertEquals(ByteOrder.nativeOrder(), b.order());
    assertEquals(20, b.capacity());
    for (int i = 0; i < 5; i++) assertEquals(a.getFloat(i), b.getFloat(4 * i));
    b.putFloat(8, 9f);
    assertEquals(9f, a.getFloat(2));
    var d = Nd4j.createFromArray(1.0, 2.0);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> HostFloats.bytes(d));
    assertTrue(e.getMessage().startsWith("HostFloats.bytes: needs a FLOAT array. Got DOUBLE"), e.getMessage());
    assertEquals(DataType.FLOAT, a.dataType());
  }

  /** HostFloats.elementBytes: exactly a view's elements (element i at byte 4i), writes go through; columns refused. */
  @Test
  void elementBytesOfARowMajorView() {
    var flat = Nd4j.arange(20).castTo(DataType.FLOAT);
    var view = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 13)).reshape('c', 2, 3);
    ByteBuffer b = HostFloats.elementBytes(view);
    assertEquals(ByteOrder.nativeOrder(), b.order());
    assertEquals(24, b.capacity());
    for (int i = 0; i < 6; i++) assertEquals(7f + i, b.getFloat(4 * i));
    b.putFloat(20, -1f);
    assertEquals(-1f, flat.getFloat(12));
    assertEquals(13f, flat.getFloat(13));
    var columns = Nd4j.create(DataType.FLOAT, 4, 3).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> HostFloats.elementBytes(columns));
    assertTrue(e.getMessage().startsWith("HostFloats.elements: needs elements in row order one after the other. Got"
        + " shape [4, 2], strides [3, 1]"), e.getMessage());
  }
}
