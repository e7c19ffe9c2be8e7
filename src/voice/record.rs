//! Recording from the default input device (cpal), until told to stop or a length cap.
//!
//! Only the system's default input is used, never ALSA's `null` device (which "records"
//! silence forever). With no sound card, or a default that cannot capture, starting fails
//! with one line that says so.
//!
//! ALSA's messages: alsa-lib prints its complaints (`ALSA lib confmisc.c:767:(parse_card)
//! cannot find card '0'`, about eight lines with no sound card) straight to stderr from C.
//! grill forbids unsafe code, so it cannot install a C error handler itself, nor point file
//! descriptor 2 elsewhere; instead it uses the `alsa` crate's safe
//! [`alsa::Output::local_error_handler`], which makes alsa-lib write this thread's messages
//! into a memory buffer. Every ALSA call that can complain (opening the host, probing the
//! device, opening the stream) happens on the thread that calls [`Recorder::start`] or
//! [`default_input`], after that handler is installed; the buffered text is used as the
//! reason in the error. Reading samples happens on cpal's own thread, where alsa-lib has
//! nothing to say unless the device fails mid-way (that reaches the error callback too).

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SampleFormat, SizedSample};

use super::audio::{SAMPLE_RATE, Samples};
use crate::error::{Error, Result};

/// The input device grill would record from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputInfo {
    /// The device's name, as the system describes it.
    pub name: String,
    /// The host and device id (`alsa:default`).
    pub id: String,
    /// What it would record: "16000 Hz, 1 channel, i16".
    pub format: String,
}

/// Finds the default input device and the format it would record in, without recording.
pub fn default_input() -> Result<InputInfo> {
    let log = AlsaLog::install();
    let (device, config) = open_default(&log)?;
    Ok(InputInfo {
        name: device_name(&device),
        id: device.id().map(|i| i.to_string()).unwrap_or_default(),
        format: format!(
            "{} Hz, {} channel{}, {}",
            config.sample_rate(),
            config.channels(),
            if config.channels() == 1 { "" } else { "s" },
            config.sample_format()
        ),
    })
}

/// What the audio callback and the recorder share.
struct Shared {
    /// Interleaved samples as recorded.
    buf: Mutex<Vec<f32>>,
    /// The most samples to keep (the cap, in samples of all channels).
    max: usize,
    /// Set when the cap is reached.
    full: AtomicBool,
    /// The loudest sample of the latest block, as `f32` bits.
    level: AtomicU32,
    /// The first error the stream reported.
    error: Mutex<Option<String>>,
}

/// A recording in progress; [`Recorder::stop`] ends it and gives the audio.
pub struct Recorder {
    stream: cpal::Stream,
    shared: Arc<Shared>,
    channels: u16,
    rate: u32,
    device: String,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("device", &self.device)
            .field("channels", &self.channels)
            .field("rate", &self.rate)
            .finish()
    }
}

impl Recorder {
    /// Starts recording from the default input device; recording stops by itself after
    /// `cap` (then [`Recorder::is_full`]). Fails with one line when there is no device that
    /// can record (no sound card, a busy or refused device), ALSA's own messages kept off the
    /// terminal.
    pub fn start(cap: Duration) -> Result<Recorder> {
        let log = AlsaLog::install();
        let (device, supported) = open_default(&log)?;
        let config = supported.config();
        let max = (cap.as_secs_f64() * f64::from(config.sample_rate)).ceil() as usize
            * usize::from(config.channels);
        let shared = Arc::new(Shared {
            buf: Mutex::new(Vec::with_capacity(max.min(16 * 1024 * 1024))),
            max,
            full: AtomicBool::new(false),
            level: AtomicU32::new(0),
            error: Mutex::new(None),
        });
        let stream = match supported.sample_format() {
            SampleFormat::F32 => build::<f32>(&device, &config, &shared),
            SampleFormat::I16 => build::<i16>(&device, &config, &shared),
            SampleFormat::I32 => build::<i32>(&device, &config, &shared),
            SampleFormat::U16 => build::<u16>(&device, &config, &shared),
            SampleFormat::U8 => build::<u8>(&device, &config, &shared),
            SampleFormat::I8 => build::<i8>(&device, &config, &shared),
            SampleFormat::F64 => build::<f64>(&device, &config, &shared),
            other => {
                return Err(no_microphone(
                    &format!("the input records {other} samples, which grill cannot read"),
                    &log,
                ));
            }
        }
        .map_err(|e| no_microphone(&describe(&e), &log))?;
        stream
            .play()
            .map_err(|e| no_microphone(&describe(&e), &log))?;
        Ok(Recorder {
            stream,
            shared,
            channels: config.channels,
            rate: config.sample_rate,
            device: device_name(&device),
        })
    }

    /// The device's name.
    pub fn device(&self) -> &str {
        &self.device
    }

    /// How much audio has been recorded.
    pub fn elapsed(&self) -> Duration {
        let n = self.shared.buf.lock().map_or(0, |b| b.len());
        let frames = n / usize::from(self.channels.max(1));
        Duration::from_secs_f64(frames as f64 / f64::from(self.rate.max(1)))
    }

    /// Whether the length cap was reached (nothing more is kept).
    pub fn is_full(&self) -> bool {
        self.shared.full.load(Ordering::Relaxed)
    }

    /// The loudest sample of the latest block, 0 to 1: for a level meter.
    pub fn level(&self) -> f32 {
        f32::from_bits(self.shared.level.load(Ordering::Relaxed))
    }

    /// Stops recording and returns the audio as 16 kHz mono. Fails only if the device failed
    /// before anything was recorded; audio recorded before a failure is returned.
    pub fn stop(self) -> Result<Samples> {
        let Recorder {
            stream,
            shared,
            channels,
            rate,
            ..
        } = self;
        drop(stream);
        let data = std::mem::take(&mut *shared.buf.lock().unwrap_or_else(|e| e.into_inner()));
        let error = shared
            .error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if data.is_empty()
            && let Some(e) = error
        {
            return Err(Error::Failed(format!("recording failed: {e}")));
        }
        Ok(Samples::from_interleaved(&data, channels, rate))
    }
}

fn build<T>(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    shared: &Arc<Shared>,
) -> std::result::Result<cpal::Stream, cpal::Error>
where
    T: SizedSample,
    f32: FromSample<T>,
{
    let data = shared.clone();
    let errors = shared.clone();
    device.build_input_stream::<T, _, _>(
        *config,
        move |block: &[T], _| {
            let mut peak = 0.0f32;
            if let Ok(mut buf) = data.buf.lock() {
                let room = data.max.saturating_sub(buf.len());
                for &s in block.iter().take(room) {
                    let v: f32 = s.to_sample();
                    peak = peak.max(v.abs());
                    buf.push(v);
                }
                if block.len() >= room {
                    data.full.store(true, Ordering::Relaxed);
                }
            }
            data.level.store(peak.to_bits(), Ordering::Relaxed);
        },
        move |e| {
            if let Ok(mut slot) = errors.error.lock() {
                slot.get_or_insert_with(|| describe(&e));
            }
        },
        None,
    )
}

/// The default input device and the configuration to record with: 16 kHz mono when the
/// device offers it (no conversion needed), else its own default.
fn open_default(log: &AlsaLog) -> Result<(cpal::Device, cpal::SupportedStreamConfig)> {
    let host = host().map_err(|e| no_microphone(&e, log))?;
    let device = host
        .default_input_device()
        .ok_or_else(|| no_microphone("the system has no default input device", log))?;
    let id = device.id().map(|i| i.id().to_string()).unwrap_or_default();
    if id == "null" {
        return Err(no_microphone(
            "the default input is ALSA's null device, which records only silence",
            log,
        ));
    }
    let preferred = device.supported_input_configs().ok().and_then(|configs| {
        let configs: Vec<_> = configs.collect();
        [SampleFormat::F32, SampleFormat::I16]
            .into_iter()
            .find_map(|format| {
                configs
                    .iter()
                    .find(|c| {
                        c.channels() == 1
                            && c.sample_format() == format
                            && (c.min_sample_rate()..=c.max_sample_rate()).contains(&SAMPLE_RATE)
                    })
                    .map(|c| c.with_sample_rate(SAMPLE_RATE))
            })
    });
    let config = match preferred {
        Some(c) => c,
        None => device
            .default_input_config()
            .map_err(|e| no_microphone(&describe(&e), log))?,
    };
    Ok((device, config))
}

/// The audio host: ALSA on Linux and the BSDs (opened so that a broken ALSA setup is an error,
/// not cpal's panic), the platform's own elsewhere.
fn host() -> std::result::Result<cpal::Host, String> {
    #[cfg(any(
        target_os = "linux",
        target_os = "dragonfly",
        target_os = "freebsd",
        target_os = "netbsd"
    ))]
    {
        cpal::host_from_id(cpal::HostId::Alsa).map_err(|e| describe(&e))
    }
    #[cfg(not(any(
        target_os = "linux",
        target_os = "dragonfly",
        target_os = "freebsd",
        target_os = "netbsd"
    )))]
    {
        Ok(cpal::default_host())
    }
}

fn device_name(device: &cpal::Device) -> String {
    device
        .description()
        .map(|d| d.name().to_string())
        .unwrap_or_else(|_| "the default input".into())
}

/// cpal's error in a few words, with its own message when it has one.
fn describe(e: &cpal::Error) -> String {
    use cpal::ErrorKind as K;
    let what = match e.kind() {
        K::DeviceNotAvailable => "the input device is not available",
        K::DeviceBusy => "the input device is busy (another program may be using it)",
        K::PermissionDenied => "permission to record was refused",
        K::HostUnavailable => "the sound system is not available",
        K::UnsupportedConfig | K::UnsupportedOperation => "the device cannot record",
        _ => "the device failed",
    };
    match e.message().filter(|m| !m.trim().is_empty()) {
        Some(m) => format!("{what} ({})", m.trim()),
        None => what.to_string(),
    }
}

/// The one-line error for "cannot record": what failed, with ALSA's first complaint when it
/// had one, and whether this machine has a capture device at all.
fn no_microphone(reason: &str, log: &AlsaLog) -> Error {
    let mut msg = format!("cannot record from a microphone: {reason}");
    if let Some(alsa) = log.first_line() {
        msg.push_str(&format!(" (ALSA: {alsa})"));
    }
    if let Some(false) = has_capture_device() {
        msg.push_str("; this machine has no sound capture device (none in /dev/snd)");
    }
    Error::Failed(msg)
}

/// Whether the kernel shows a sound capture device (`/dev/snd/pcmC*D*c`); `None` where that
/// cannot be told (not Linux), or where a sound server may provide one without it.
fn has_capture_device() -> Option<bool> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(std::path::PathBuf::from);
    let server = std::env::var_os("PULSE_SERVER").is_some()
        || runtime
            .is_some_and(|r| r.join("pulse/native").exists() || r.join("pipewire-0").exists());
    if server {
        return None;
    }
    let found = std::fs::read_dir("/dev/snd").is_ok_and(|dir| {
        dir.flatten().any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("pcmC") && name.ends_with('c')
        })
    });
    Some(found)
}

/// ALSA's messages on this thread, kept in memory instead of on stderr (see the module's
/// notes). A no-op where the host is not ALSA.
struct AlsaLog {
    #[cfg(target_os = "linux")]
    output: Option<std::rc::Rc<std::cell::RefCell<alsa::Output>>>,
}

impl AlsaLog {
    fn install() -> AlsaLog {
        AlsaLog {
            #[cfg(target_os = "linux")]
            output: alsa::Output::local_error_handler().ok(),
        }
    }

    /// The first message ALSA wrote, without its `function: ` prefix.
    fn first_line(&self) -> Option<String> {
        #[cfg(target_os = "linux")]
        {
            let text = self.output.as_ref()?.borrow().to_string();
            let line = text.lines().find(|l| !l.trim().is_empty())?.trim();
            let line = line.split_once(": ").map_or(line, |(_, rest)| rest);
            Some(line.to_string())
        }
        #[cfg(not(target_os = "linux"))]
        {
            None
        }
    }
}
