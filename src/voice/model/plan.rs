//! The conversion's plan: which CTranslate2 variable, or which row block of a fused one,
//! becomes each tensor whisper.cpp expects, with the header and the vocabulary's bytes, all
//! checked before a byte is written.
//!
//! CTranslate2's Whisper spec fuses the attention projections (query, key and value in one
//! `linear_0` for self-attention; key and value in one `linear_1` for cross-attention, with zero
//! key biases where Whisper has none); the plan splits them back into whisper.cpp's names.

use super::ctranslate2::{Ct2Model, Ct2Type, byte_decoder};
use super::ggml::{Expected, Hparams, Slot, check_hparams, expected_tensors};

/// Where each whisper.cpp tensor comes from in the CTranslate2 model.
#[derive(Debug, Clone)]
pub(super) struct Source {
    /// The CTranslate2 variable.
    pub(super) var: String,
    /// Which of `of` equal row blocks of it (the fused attention projections), or 0 of 1.
    pub(super) part: u32,
    pub(super) of: u32,
}

pub(super) struct Plan {
    pub(super) hparams: Hparams,
    pub(super) tokens: Vec<Vec<u8>>,
    pub(super) tensors: Vec<(Expected, Source)>,
    /// Whether the weight matrices are written as float16 (else everything is float32).
    pub(super) f16: bool,
}

/// Reads the header from the model's variables, the vocabulary's bytes, where each tensor
/// comes from, and checks that the result is something whisper.cpp can load.
pub(super) fn plan_conversion(m: &mut Ct2Model, vocab: &[String]) -> Result<Plan, String> {
    let h = hparams_of(m)?;
    let tokens = tokens_of(vocab, &h)?;
    let tensors = tensor_sources(m, &h)?;
    check_key_biases(m, &h)?;
    let f16 = tensors
        .iter()
        .filter(|(e, _)| e.slot != Slot::F32)
        .all(|(_, s)| m.vars[&s.var].dtype == Ct2Type::F16);
    let mut hparams = h;
    hparams.ftype = u32::from(f16);
    Ok(Plan {
        hparams,
        tokens,
        tensors,
        f16,
    })
}

/// whisper.cpp's header, from the shapes of the model's variables (`ftype` 1 until the
/// weights' types are known).
fn hparams_of(m: &mut Ct2Model) -> Result<Hparams, String> {
    if m.vars.keys().any(|k| k.ends_with("_scale")) {
        return Err(
            "its weights are quantized (int8), which whisper.cpp's files cannot \
                    hold; convert a float16 or float32 model (ct2-transformers-converter \
                    --quantization float16)"
                .into(),
        );
    }
    for flag in ["decoder/scale_embeddings", "decoder/alibi"] {
        if m.scalar(flag)?.unwrap_or(0) != 0 {
            return Err(format!("it sets {flag}, which Whisper models do not"));
        }
    }
    let n_audio_state = m.dim("encoder/conv1/weight", 0)?;
    let n_text_state = m.dim("decoder/embeddings/weight", 1)?;
    // Whisper's heads are 64 wide; CTranslate2 records the count as `num_heads` since its
    // spec revision 3.
    let n_audio_head = m.scalar("encoder/num_heads")?.unwrap_or(n_audio_state / 64);
    let n_text_head = m.scalar("decoder/num_heads")?.unwrap_or(n_text_state / 64);
    let h = Hparams {
        n_vocab: m.dim("decoder/embeddings/weight", 0)?,
        n_audio_ctx: m.dim("encoder/position_encodings/encodings", 0)?,
        n_audio_state,
        n_audio_head,
        n_audio_layer: m.layers("encoder"),
        n_text_ctx: m.dim("decoder/position_encodings/encodings", 0)?,
        n_text_state,
        n_text_head,
        n_text_layer: m.layers("decoder"),
        n_mels: m.dim("encoder/conv1/weight", 1)?,
        ftype: 1,
    };
    check_hparams(&h)?;
    if h.n_audio_layer == 0 || h.n_text_layer == 0 {
        return Err("it has no encoder or no decoder layers".into());
    }
    Ok(h)
}

/// The vocabulary as whisper.cpp's files hold it: the text tokens and <|endoftext|>, as bytes
/// (whisper.cpp numbers the special tokens after them itself).
fn tokens_of(vocab: &[String], h: &Hparams) -> Result<Vec<Vec<u8>>, String> {
    if vocab.len() != h.n_vocab as usize {
        return Err(format!(
            "its vocabulary has {} tokens but the model {}",
            vocab.len(),
            h.n_vocab
        ));
    }
    let eot = 50256 + u32::from(h.is_multilingual());
    if vocab.get(eot as usize).map(String::as_str) != Some("<|endoftext|>") {
        return Err(format!(
            "its vocabulary does not have <|endoftext|> at {eot}, where whisper.cpp expects it"
        ));
    }
    let decoder = byte_decoder();
    vocab[..=eot as usize]
        .iter()
        .map(|t| {
            if t == "<|endoftext|>" {
                return Ok(t.as_bytes().to_vec());
            }
            t.chars()
                .map(|c| decoder.get(&c).copied())
                .collect::<Option<Vec<u8>>>()
                .ok_or_else(|| format!("its vocabulary token {t:?} is not GPT-2 byte-level text"))
        })
        .collect()
}

/// Each tensor whisper.cpp expects for `h`, with the variable (or part of one) it comes from,
/// checked to hold exactly its values in a floating-point type.
fn tensor_sources(m: &Ct2Model, h: &Hparams) -> Result<Vec<(Expected, Source)>, String> {
    let mut tensors = Vec::new();
    for e in expected_tensors(h) {
        let n = &e.name;
        let src = source_of(n)?.ok_or_else(|| format!("no source for {n}"))?;
        // The source must hold exactly `of` blocks of this tensor's values.
        let v = m.var(&src.var)?;
        let values: u64 = v.shape.iter().map(|&d| u64::from(d)).product();
        let want: u64 = e.ne.iter().map(|&d| u64::from(d)).product();
        if values != want * u64::from(src.of) {
            return Err(format!(
                "variable {} has shape {:?}, which does not make {n} of shape {:?}",
                src.var,
                v.shape,
                e.ne.iter().rev().collect::<Vec<_>>()
            ));
        }
        if !matches!(v.dtype, Ct2Type::F16 | Ct2Type::F32 | Ct2Type::Bf16) {
            return Err(format!("variable {} is not floating point", src.var));
        }
        tensors.push((e, src));
    }
    Ok(tensors)
}

fn whole(var: &str) -> Source {
    Source {
        var: var.to_string(),
        part: 0,
        of: 1,
    }
}

fn split(var: &str, part: u32, of: u32) -> Source {
    Source {
        var: var.to_string(),
        part,
        of,
    }
}

/// Where the whisper.cpp tensor named `n` comes from.
fn source_of(n: &str) -> Result<Option<Source>, String> {
    if let Some(rest) = n.strip_prefix("encoder.blocks.") {
        let (i, t) = rest.split_once('.').ok_or("bad name")?;
        return Ok(layer_source(&format!("encoder/layer_{i}"), t));
    }
    if let Some(rest) = n.strip_prefix("decoder.blocks.") {
        let (i, t) = rest.split_once('.').ok_or("bad name")?;
        return Ok(layer_source(&format!("decoder/layer_{i}"), t));
    }
    Ok(Some(whole(match n {
        "encoder.positional_embedding" => "encoder/position_encodings/encodings",
        "encoder.conv1.weight" => "encoder/conv1/weight",
        "encoder.conv1.bias" => "encoder/conv1/bias",
        "encoder.conv2.weight" => "encoder/conv2/weight",
        "encoder.conv2.bias" => "encoder/conv2/bias",
        "encoder.ln_post.weight" => "encoder/layer_norm/gamma",
        "encoder.ln_post.bias" => "encoder/layer_norm/beta",
        "decoder.positional_embedding" => "decoder/position_encodings/encodings",
        "decoder.token_embedding.weight" => "decoder/embeddings/weight",
        "decoder.ln.weight" => "decoder/layer_norm/gamma",
        "decoder.ln.bias" => "decoder/layer_norm/beta",
        other => return Err(format!("no source for {other}")),
    })))
}

/// The key projections have no bias in Whisper: CTranslate2 fills theirs with zeros. A model
/// with real key biases cannot be written in whisper.cpp's layout.
fn check_key_biases(m: &mut Ct2Model, h: &Hparams) -> Result<(), String> {
    for prefix in (0..h.n_audio_layer)
        .map(|i| format!("encoder/layer_{i}/self_attention"))
        .chain((0..h.n_text_layer).flat_map(|i| {
            [
                format!("decoder/layer_{i}/self_attention"),
                format!("decoder/layer_{i}/attention"),
            ]
        }))
    {
        let (var, part, of) = if prefix.ends_with("self_attention") {
            (format!("{prefix}/linear_0/bias"), 1, 3)
        } else {
            (format!("{prefix}/linear_1/bias"), 0, 2)
        };
        let (_, data) = m.read(&var)?;
        let n = data.len() / of;
        if data[part * n..(part + 1) * n].iter().any(|&b| b != 0) {
            return Err(format!(
                "{var} has a non-zero key bias, which whisper.cpp's layout has no place for"
            ));
        }
    }
    Ok(())
}

/// The source of a tensor of one encoder or decoder layer, from its name after
/// `{encoder,decoder}.blocks.N.`.
fn layer_source(layer: &str, tensor: &str) -> Option<Source> {
    let (module, rest) = tensor.split_once('.')?;
    let ln = |side: &str, rest: &str| match rest {
        "weight" => Some(whole(&format!("{layer}/{side}/layer_norm/gamma"))),
        "bias" => Some(whole(&format!("{layer}/{side}/layer_norm/beta"))),
        _ => None,
    };
    match module {
        "attn" | "cross_attn" => {
            let (proj, what) = rest.split_once('.')?;
            let self_attn = module == "attn";
            let side = if self_attn {
                "self_attention"
            } else {
                "attention"
            };
            let var = |lin: u32| format!("{layer}/{side}/linear_{lin}/{what}");
            Some(match (self_attn, proj) {
                // Self-attention: query, key and value fused in linear_0; out is linear_1.
                (true, "query") => split(&var(0), 0, 3),
                (true, "key") => split(&var(0), 1, 3),
                (true, "value") => split(&var(0), 2, 3),
                (true, "out") => whole(&var(1)),
                // Cross-attention: query is linear_0; key and value fused in linear_1; out is
                // linear_2.
                (false, "query") => whole(&var(0)),
                (false, "key") => split(&var(1), 0, 2),
                (false, "value") => split(&var(1), 1, 2),
                (false, "out") => whole(&var(2)),
                _ => return None,
            })
        }
        "attn_ln" => ln("self_attention", rest),
        "cross_attn_ln" => ln("attention", rest),
        "mlp_ln" => ln("ffn", rest),
        "mlp" => {
            let (idx, what) = rest.split_once('.')?;
            let lin = match idx {
                "0" => 0,
                "2" => 1,
                _ => return None,
            };
            Some(whole(&format!("{layer}/ffn/linear_{lin}/{what}")))
        }
        _ => None,
    }
}
