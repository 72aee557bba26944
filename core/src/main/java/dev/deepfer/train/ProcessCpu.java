package dev.deepfer.train;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time of this whole process (every thread: PyTorch's intra-op pool, data loading, the
 * collector), which a training epoch records so CPU-hours stay true when the run shares the machine
 * or is paused — wall time times threads counts both as work.
 */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Seconds of CPU this process has used so far, or NaN where the JVM cannot tell. */
    static double seconds() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long nanos = sun.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }
}
