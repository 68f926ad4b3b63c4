package org.mlmp.backend;

import java.util.List;

/**
 * What a {@link GpuProbe} found.
 *
 * @param state the outcome
 * @param devices the devices found (empty unless {@code state == DEVICES})
 * @param detail one sentence for the user: how the probe looked and what it saw
 */
public record GpuStatus(State state, List<GpuDevice> devices, String detail) {
  /** The outcome of a probe. */
  public enum State {
    /** No NVIDIA kernel driver is loaded. */
    NO_DRIVER,
    /** A driver is loaded but reports no device. */
    NO_DEVICE,
    /** The driver reported devices (usable or not). */
    DEVICES,
    /** The probe itself could not tell (e.g. nvidia-smi failed). */
    UNKNOWN
  }

  /**
   * Copies {@code devices} into an unmodifiable list.
   *
   * @param state the outcome
   * @param devices the devices found (empty unless {@code state == DEVICES})
   * @param detail one sentence for the user: how the probe looked and what it saw
   */
  public GpuStatus {
    devices = List.copyOf(devices);
  }

  /**
   * A status without devices (for every state but {@link State#DEVICES}).
   *
   * @param state the outcome
   * @param detail one sentence for the user: how the probe looked and what it saw
   * @return the status with an empty device list
   */
  public static GpuStatus of(State state, String detail) {
    return new GpuStatus(state, List.of(), detail);
  }

  /**
   * The first device the CUDA backend can run on, or null.
   *
   * @return the first {@link GpuDevice#usable() usable} device in ordinal order, or null when none is
   */
  public GpuDevice firstUsable() {
    return devices.stream().filter(GpuDevice::usable).findFirst().orElse(null);
  }
}
