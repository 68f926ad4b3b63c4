package org.mlmp.cuda;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.IntPointer;
import org.mlmp.backend.GpuDevice;
import org.mlmp.backend.GpuProbe;
import org.mlmp.backend.GpuStatus;

/**
 * Asks the CUDA runtime (cudart 11.6, from the {@code org.bytedeco:cuda} redist that {@code -Pcuda} puts on
 * the class path) for the devices and their compute capability. Without the CUDA natives (the default
 * build) or without a driver, it answers UNKNOWN and mlmp falls back to the nvidia-smi probe.
 */
public final class CudaRuntimeProbe implements GpuProbe {
  @Override
  public int priority() {
    return 10;
  }

  @Override
  public GpuStatus probe() {
    try {
      IntPointer count = new IntPointer(1);
      int err = cudart.cudaGetDeviceCount(count);
      if (err == cudart.cudaErrorNoDevice) {
        return GpuStatus.of(GpuStatus.State.NO_DEVICE, "the CUDA runtime reports no device");
      }
      if (err == cudart.cudaErrorInsufficientDriver) {
        return GpuStatus.of(GpuStatus.State.NO_DRIVER,
            "no NVIDIA driver new enough for CUDA 11.6 is loaded (driver >= 450.80 needed)");
      }
      if (err != cudart.cudaSuccess) {
        return GpuStatus.of(GpuStatus.State.UNKNOWN, "cudaGetDeviceCount failed: " + cudart.cudaGetErrorString(err).getString());
      }
      List<GpuDevice> devices = new ArrayList<>();
      for (int i = 0; i < count.get(); i++) {
        cudaDeviceProp p = new cudaDeviceProp();
        if (cudart.cudaGetDeviceProperties(p, i) != cudart.cudaSuccess) continue;
        devices.add(new GpuDevice(i, p.name().getString(), p.major(), p.minor(), p.totalGlobalMem()));
      }
      if (devices.isEmpty()) return GpuStatus.of(GpuStatus.State.NO_DEVICE, "the CUDA runtime reports no device");
      return new GpuStatus(GpuStatus.State.DEVICES, devices, "the CUDA runtime lists " + devices.size() + " device(s)");
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return GpuStatus.of(GpuStatus.State.UNKNOWN, "the CUDA runtime libraries are not on the class path (build with -Pcuda): "
          + e.getMessage());
    }
  }
}
