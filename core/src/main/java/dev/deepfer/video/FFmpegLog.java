package dev.deepfer.video;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg writes its own diagnostics straight to the process's stderr; a damaged stream or an
 * encoder's tuning notes would scroll through the progress bar. Only fatal messages are kept: the
 * reader and writer report failures themselves, naming the file. Set
 * {@code -Ddeepfer.ffmpeg.verbose=true} to see everything FFmpeg says.
 */
final class FFmpegLog {
    private static volatile boolean set;

    private FFmpegLog() {
    }

    static void quiet() {
        if (!set) {
            avutil.av_log_set_level(Boolean.getBoolean("deepfer.ffmpeg.verbose") ? avutil.AV_LOG_INFO
                    : avutil.AV_LOG_FATAL);
            set = true;
        }
    }
}
