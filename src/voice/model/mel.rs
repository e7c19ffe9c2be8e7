//! Whisper's mel filterbank, which whisper.cpp's model files carry and its converter copies
//! from Whisper's `mel_filters.npz`: computed here as librosa computes it.

/// The sample rate Whisper's features are computed at.
const SAMPLE_RATE: f64 = 16_000.0;
/// Whisper's FFT size: 25 ms windows at 16 kHz; 201 frequency bins.
pub(super) const N_FFT: usize = 400;

/// Whisper's mel filterbank, `n_mels` x 201, as `librosa.filters.mel(sr=16000, n_fft=400,
/// n_mels=n_mels)` computes it (the Slaney mel scale, Slaney area normalisation) and as
/// whisper.cpp's converters copy it from Whisper's `mel_filters.npz`: computed in float64,
/// each triangle rounded to float32 before the normalisation and again after it, as librosa
/// does with its float32 weights array. For 80 bands this gives, bit for bit, the filters in
/// whisper.cpp's ggml files.
pub fn mel_filters(n_mels: usize) -> Vec<f32> {
    let n_freqs = N_FFT / 2 + 1;
    // librosa's Slaney scale: linear below 1 kHz, logarithmic above.
    let f_sp = 200.0 / 3.0;
    let min_log_hz = 1000.0;
    let min_log_mel = min_log_hz / f_sp;
    let logstep = 6.4f64.ln() / 27.0;
    let hz_to_mel = |f: f64| {
        if f >= min_log_hz {
            min_log_mel + (f / min_log_hz).ln() / logstep
        } else {
            f / f_sp
        }
    };
    let mel_to_hz = |m: f64| {
        if m >= min_log_mel {
            min_log_hz * (logstep * (m - min_log_mel)).exp()
        } else {
            f_sp * m
        }
    };
    // np.linspace(0, sr / 2, n_freqs): i * step, exact here (step 40 Hz).
    let step = (SAMPLE_RATE / 2.0) / (n_freqs - 1) as f64;
    let fft_freqs: Vec<f64> = (0..n_freqs).map(|i| i as f64 * step).collect();
    // np.linspace(min_mel, max_mel, n_mels + 2): i * step + start, the last one exact.
    let (lo, hi) = (hz_to_mel(0.0), hz_to_mel(SAMPLE_RATE / 2.0));
    let mel_step = (hi - lo) / (n_mels + 1) as f64;
    let mel_f: Vec<f64> = (0..n_mels + 2)
        .map(|i| {
            if i == n_mels + 1 {
                mel_to_hz(hi)
            } else {
                mel_to_hz(i as f64 * mel_step + lo)
            }
        })
        .collect();
    let mut out = Vec::with_capacity(n_mels * n_freqs);
    for i in 0..n_mels {
        let lower_width = mel_f[i + 1] - mel_f[i];
        let upper_width = mel_f[i + 2] - mel_f[i + 1];
        let enorm = 2.0 / (mel_f[i + 2] - mel_f[i]);
        for &f in &fft_freqs {
            let lower = -(mel_f[i] - f) / lower_width;
            let upper = (mel_f[i + 2] - f) / upper_width;
            // np.maximum(0, x): +0.0 where x is -0.0 (f64::max may give either).
            let weight = lower.min(upper);
            let weight = if weight > 0.0 { weight as f32 } else { 0.0 };
            out.push((f64::from(weight) * enorm) as f32);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mel_filters_match_whispers_librosa_values() {
        let f = mel_filters(80);
        assert_eq!(f.len(), 80 * 201);
        // Values of Whisper's mel_filters.npz ("mel_80"), as whisper.cpp's ggml files hold
        // them: the first band's peak, and a band from the logarithmic part of the scale.
        assert_eq!(f[1].to_bits(), 0x3ccbaca4, "{}", f[1]); // 0.024863...
        assert_eq!(f[0].to_bits(), 0, "+0.0, as numpy gives");
        // Every band is a triangle with some weight; the bands cover the range in order.
        for band in f.chunks(201) {
            assert!(band.iter().any(|&w| w > 0.0));
        }
        let peak = |b: usize| {
            (0..201)
                .max_by(|&i, &j| f[b * 201 + i].total_cmp(&f[b * 201 + j]))
                .unwrap()
        };
        assert!((1..80).all(|b| peak(b) >= peak(b - 1)));
        assert_eq!(mel_filters(128).len(), 128 * 201);
    }
}
