//! Audio as Whisper takes it: 16 kHz mono `f32` samples in -1..1, from a WAV file or a
//! recording, and back to a WAV file.
//!
//! Other rates and channel counts are converted here: channels are averaged into one, and the
//! rate is changed by linear interpolation between neighbouring samples. That is plain and
//! fast, and good enough for speech: Whisper itself throws away everything above 8 kHz, and
//! interpolation without a low-pass filter only folds a little of the energy above 8 kHz (of
//! 44.1 or 48 kHz audio) back below it, where speech has little. For studio-grade conversion,
//! convert the file first (`sox in.wav -r 16000 -c 1 out.wav`).

use std::io::Cursor;
use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result, read_file_bytes, source_name};

/// Whisper's sample rate.
pub const SAMPLE_RATE: u32 = 16_000;

/// Below this peak (about -50 dBFS) a recording holds no speech: a muted or unplugged
/// microphone, or a device that records zeros.
const SILENCE_PEAK: f32 = 0.003;

/// 16 kHz mono audio, each sample in -1..1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Samples {
    data: Vec<f32>,
}

impl Samples {
    /// Samples that are already 16 kHz mono.
    pub fn new(data: Vec<f32>) -> Samples {
        Samples { data }
    }

    /// Converts interleaved audio of `channels` channels at `rate` Hz: channels are averaged,
    /// then the rate is changed to 16 kHz by linear interpolation (see the module's notes).
    pub fn from_interleaved(data: &[f32], channels: u16, rate: u32) -> Samples {
        let channels = usize::from(channels.max(1));
        let mono: Vec<f32> = if channels == 1 {
            data.to_vec()
        } else {
            data.chunks_exact(channels)
                .map(|frame| frame.iter().sum::<f32>() / channels as f32)
                .collect()
        };
        Samples {
            data: resample(&mono, rate, SAMPLE_RATE),
        }
    }

    /// Reads a WAV file (`-` reads standard input): 8, 16, 24 or 32-bit integer or 32-bit
    /// float samples, any rate, any channels. A missing file, a folder or a file that is not
    /// WAV is bad input (exit 2).
    pub fn read_wav(path: &Path) -> Result<Samples> {
        let bytes = read_file_bytes(path, "a WAV file")?;
        let name = source_name(path);
        let bad = |e: hound::Error| {
            Error::input(format!(
                "{name} is not a WAV file grill can read ({e}); record or convert it as \
                 16 kHz mono 16-bit WAV, e.g. `sox in.mp3 -r 16000 -c 1 -b 16 out.wav`"
            ))
        };
        let reader = hound::WavReader::new(Cursor::new(bytes)).map_err(bad)?;
        let spec = reader.spec();
        let data: Vec<f32> = match spec.sample_format {
            hound::SampleFormat::Float => reader
                .into_samples::<f32>()
                .collect::<std::result::Result<_, _>>()
                .map_err(bad)?,
            hound::SampleFormat::Int => {
                let scale = 2f32.powi(i32::from(spec.bits_per_sample) - 1);
                reader
                    .into_samples::<i32>()
                    .map(|s| s.map(|v| v as f32 / scale))
                    .collect::<std::result::Result<_, _>>()
                    .map_err(bad)?
            }
        };
        Ok(Samples::from_interleaved(
            &data,
            spec.channels,
            spec.sample_rate,
        ))
    }

    /// Writes the samples as a 16 kHz mono 16-bit WAV file.
    pub fn write_wav(&self, path: &Path) -> Result<()> {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: SAMPLE_RATE,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let io = |e: hound::Error| match e {
            hound::Error::IoError(e) => Error::write(path, e),
            other => Error::Failed(format!("cannot write {}: {other}", path.display())),
        };
        let mut w = hound::WavWriter::create(path, spec).map_err(io)?;
        for &s in &self.data {
            let v = (s.clamp(-1.0, 1.0) * 32767.0).round() as i16;
            w.write_sample(v).map_err(io)?;
        }
        w.finalize().map_err(io)
    }

    /// The samples.
    pub fn as_slice(&self) -> &[f32] {
        &self.data
    }

    /// How many samples there are.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// How long the audio lasts.
    pub fn duration(&self) -> Duration {
        Duration::from_secs_f64(self.data.len() as f64 / f64::from(SAMPLE_RATE))
    }

    /// The loudest sample's magnitude, 0 to 1.
    pub fn peak(&self) -> f32 {
        self.data.iter().fold(0.0f32, |m, s| m.max(s.abs()))
    }

    /// Whether the audio is silent: empty, or nothing louder than about -50 dBFS. Whisper
    /// makes up words for silence, so silent audio is not transcribed.
    pub fn is_silent(&self) -> bool {
        self.peak() < SILENCE_PEAK
    }
}

/// Changes the sample rate by linear interpolation.
fn resample(data: &[f32], from: u32, to: u32) -> Vec<f32> {
    if from == to || data.is_empty() || from == 0 {
        return data.to_vec();
    }
    let ratio = f64::from(from) / f64::from(to);
    let n = ((data.len() as f64) / ratio).floor() as usize;
    (0..n)
        .map(|i| {
            let t = i as f64 * ratio;
            let j = t.floor() as usize;
            let frac = (t - j as f64) as f32;
            let a = data[j.min(data.len() - 1)];
            let b = data[(j + 1).min(data.len() - 1)];
            a + (b - a) * frac
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stereo_48k_becomes_mono_16k() {
        // One second of a 440 Hz tone, left channel only.
        let stereo: Vec<f32> = (0..48_000)
            .flat_map(|i| {
                let s = (i as f32 * 440.0 * std::f32::consts::TAU / 48_000.0).sin();
                [s, 0.0]
            })
            .collect();
        let s = Samples::from_interleaved(&stereo, 2, 48_000);
        assert_eq!(s.len(), 16_000);
        assert_eq!(s.duration(), Duration::from_secs(1));
        // Averaged with a silent channel: half as loud.
        assert!((s.peak() - 0.5).abs() < 0.01, "{}", s.peak());
        // Every third sample of the original, exactly.
        assert_eq!(s.as_slice()[3], stereo[2 * 9] / 2.0);
    }

    #[test]
    fn upsampling_interpolates_between_samples() {
        let s = Samples::from_interleaved(&[0.0, 1.0, 0.0, -1.0], 1, 8_000);
        assert_eq!(s.as_slice(), &[0.0, 0.5, 1.0, 0.5, 0.0, -0.5, -1.0, -1.0]);
    }

    #[test]
    fn silence_is_below_the_noise_floor() {
        assert!(Samples::default().is_silent());
        assert!(Samples::new(vec![0.0; 16_000]).is_silent());
        assert!(Samples::new(vec![0.001, -0.002, 0.0]).is_silent());
        assert!(!Samples::new(vec![0.0, 0.2, -0.1]).is_silent());
    }

    #[test]
    fn wav_files_round_trip_and_other_formats_are_converted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.wav");
        let s = Samples::new((0..1600).map(|i| (i as f32 / 1600.0) - 0.5).collect());
        s.write_wav(&path).unwrap();
        let back = Samples::read_wav(&path).unwrap();
        assert_eq!(back.len(), s.len());
        assert!(
            back.as_slice()
                .iter()
                .zip(s.as_slice())
                .all(|(a, b)| (a - b).abs() < 1e-4)
        );
        // 8 kHz stereo 24-bit: half as many frames as 16 kHz samples.
        let other = dir.path().join("b.wav");
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: 8_000,
            bits_per_sample: 24,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(&other, spec).unwrap();
        for _ in 0..800 {
            w.write_sample(4_194_304i32).unwrap(); // half of full scale
            w.write_sample(4_194_304i32).unwrap();
        }
        w.finalize().unwrap();
        let s = Samples::read_wav(&other).unwrap();
        assert_eq!(s.len(), 1600);
        assert!((s.peak() - 0.5).abs() < 1e-6);
    }

    #[test]
    fn a_file_that_is_not_wav_is_bad_input() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "not audio").unwrap();
        let e = Samples::read_wav(&path).unwrap_err();
        assert_eq!(e.exit(), crate::Exit::BadInput);
        assert!(e.to_string().contains("is not a WAV file"), "{e}");
        let e = Samples::read_wav(&dir.path().join("missing.wav")).unwrap_err();
        assert_eq!(e.exit(), crate::Exit::BadInput, "{e}");
    }
}
