//! The conversion, on a small fake CTranslate2 model written here: no download needed.

use std::collections::HashMap;
use std::path::Path;

use grill::voice::model::{GGML_MAGIC, convert, f16_to_f32, inspect};

/// Writes a small CTranslate2 Whisper model (1 layer each side, 8 wide, 2 heads, 3 mel
/// bands) whose every value is a distinct float16 or float32, so that where each tensor
/// ends up can be checked value by value.
struct Fake {
    vars: Vec<(String, Vec<u32>, u8, Vec<u8>)>,
}

impl Fake {
    fn new(dtype: u8) -> Fake {
        let d = 8;
        let mut f = Fake { vars: Vec::new() };
        let mut next = 0u16;
        let mut add = |f: &mut Fake, name: &str, shape: &[u32]| {
            let n: u32 = shape.iter().product();
            let mut data = Vec::new();
            for _ in 0..n {
                // Distinct, finite float16 values (exponent below 0x1f).
                let bits = 0x3c00 + (next % 0x3000);
                next = next.wrapping_add(1);
                if dtype == 4 {
                    data.extend_from_slice(&bits.to_le_bytes());
                } else {
                    data.extend_from_slice(&f16_to_f32(bits).to_le_bytes());
                }
            }
            f.vars.push((name.to_string(), shape.to_vec(), dtype, data));
        };
        add(&mut f, "encoder/conv1/weight", &[d, 3, 3]);
        add(&mut f, "encoder/conv1/bias", &[d]);
        add(&mut f, "encoder/conv2/weight", &[d, d, 3]);
        add(&mut f, "encoder/conv2/bias", &[d]);
        add(&mut f, "encoder/position_encodings/encodings", &[6, d]);
        add(&mut f, "encoder/layer_norm/gamma", &[d]);
        add(&mut f, "encoder/layer_norm/beta", &[d]);
        add(&mut f, "decoder/embeddings/weight", &[51864, d]);
        add(&mut f, "decoder/position_encodings/encodings", &[4, d]);
        add(&mut f, "decoder/layer_norm/gamma", &[d]);
        add(&mut f, "decoder/layer_norm/beta", &[d]);
        for side in ["encoder", "decoder"] {
            let l = format!("{side}/layer_0");
            add(
                &mut f,
                &format!("{l}/self_attention/linear_0/weight"),
                &[3 * d, d],
            );
            add(
                &mut f,
                &format!("{l}/self_attention/linear_0/bias"),
                &[3 * d],
            );
            add(
                &mut f,
                &format!("{l}/self_attention/linear_1/weight"),
                &[d, d],
            );
            add(&mut f, &format!("{l}/self_attention/linear_1/bias"), &[d]);
            add(
                &mut f,
                &format!("{l}/self_attention/layer_norm/gamma"),
                &[d],
            );
            add(&mut f, &format!("{l}/self_attention/layer_norm/beta"), &[d]);
            if side == "decoder" {
                add(&mut f, &format!("{l}/attention/linear_0/weight"), &[d, d]);
                add(&mut f, &format!("{l}/attention/linear_0/bias"), &[d]);
                add(
                    &mut f,
                    &format!("{l}/attention/linear_1/weight"),
                    &[2 * d, d],
                );
                add(&mut f, &format!("{l}/attention/linear_1/bias"), &[2 * d]);
                add(&mut f, &format!("{l}/attention/linear_2/weight"), &[d, d]);
                add(&mut f, &format!("{l}/attention/linear_2/bias"), &[d]);
                add(&mut f, &format!("{l}/attention/layer_norm/gamma"), &[d]);
                add(&mut f, &format!("{l}/attention/layer_norm/beta"), &[d]);
            }
            add(&mut f, &format!("{l}/ffn/linear_0/weight"), &[4 * d, d]);
            add(&mut f, &format!("{l}/ffn/linear_0/bias"), &[4 * d]);
            add(&mut f, &format!("{l}/ffn/linear_1/weight"), &[d, 4 * d]);
            add(&mut f, &format!("{l}/ffn/linear_1/bias"), &[d]);
            add(&mut f, &format!("{l}/ffn/layer_norm/gamma"), &[d]);
            add(&mut f, &format!("{l}/ffn/layer_norm/beta"), &[d]);
        }
        // The key biases are zeros in CTranslate2's fused projections.
        f.zero("encoder/layer_0/self_attention/linear_0/bias", 1, 3);
        f.zero("decoder/layer_0/self_attention/linear_0/bias", 1, 3);
        f.zero("decoder/layer_0/attention/linear_1/bias", 0, 2);
        for side in ["encoder", "decoder"] {
            f.vars.push((
                format!("{side}/num_heads"),
                vec![],
                2,
                2u16.to_le_bytes().to_vec(),
            ));
        }
        f
    }

    fn zero(&mut self, name: &str, part: usize, of: usize) {
        let v = self.vars.iter_mut().find(|v| v.0 == name).unwrap();
        let n = v.3.len() / of;
        v.3[part * n..(part + 1) * n].fill(0);
    }

    fn data(&self, name: &str) -> &[u8] {
        &self.vars.iter().find(|v| v.0 == name).unwrap().3
    }

    fn write(&self, dir: &Path) {
        let mut b = Vec::new();
        let string = |b: &mut Vec<u8>, s: &str| {
            b.extend_from_slice(&(s.len() as u16 + 1).to_le_bytes());
            b.extend_from_slice(s.as_bytes());
            b.push(0);
        };
        b.extend_from_slice(&6u32.to_le_bytes());
        string(&mut b, "WhisperSpec");
        b.extend_from_slice(&3u32.to_le_bytes());
        b.extend_from_slice(&(self.vars.len() as u32).to_le_bytes());
        for (name, shape, dtype, data) in &self.vars {
            string(&mut b, name);
            b.push(shape.len() as u8);
            for d in shape {
                b.extend_from_slice(&d.to_le_bytes());
            }
            b.push(*dtype);
            b.extend_from_slice(&(data.len() as u32).to_le_bytes());
            b.extend_from_slice(data);
        }
        b.extend_from_slice(&1u32.to_le_bytes());
        string(&mut b, "decoder/projection/weight");
        string(&mut b, "decoder/embeddings/weight");
        std::fs::write(dir.join("model.bin"), b).unwrap();
        let mut vocab: Vec<String> = (0..51864).map(|i| format!("t{i}")).collect();
        vocab[0] = "Ġthe".into();
        vocab[50256] = "<|endoftext|>".into();
        std::fs::write(dir.join("vocabulary.txt"), vocab.join("\n") + "\n").unwrap();
    }
}

/// A ggml file read back: its header, its vocabulary, and its tensors by name (type, data).
type Ggml = (Vec<u32>, Vec<Vec<u8>>, HashMap<String, (u32, Vec<u8>)>);

fn tensors(path: &Path) -> Ggml {
    let b = std::fs::read(path).unwrap();
    let mut at = 0;
    let u32_at = |at: &mut usize| {
        let v = u32::from_le_bytes(b[*at..*at + 4].try_into().unwrap());
        *at += 4;
        v
    };
    let header: Vec<u32> = (0..12).map(|_| u32_at(&mut at)).collect();
    let (rows, cols) = (u32_at(&mut at), u32_at(&mut at));
    at += (rows * cols * 4) as usize;
    let n = u32_at(&mut at);
    let mut vocab = Vec::new();
    for _ in 0..n {
        let len = u32_at(&mut at) as usize;
        vocab.push(b[at..at + len].to_vec());
        at += len;
    }
    let mut out = HashMap::new();
    while at < b.len() {
        let dims = u32_at(&mut at);
        let name_len = u32_at(&mut at) as usize;
        let ttype = u32_at(&mut at);
        let values: u32 = (0..dims).map(|_| u32_at(&mut at)).product();
        let name = String::from_utf8(b[at..at + name_len].to_vec()).unwrap();
        at += name_len;
        let size = values as usize * if ttype == 0 { 4 } else { 2 };
        out.insert(name, (ttype, b[at..at + size].to_vec()));
        at += size;
    }
    (header, vocab, out)
}

fn widened(f16: &[u8]) -> Vec<u8> {
    f16.chunks(2)
        .flat_map(|c| f16_to_f32(u16::from_le_bytes([c[0], c[1]])).to_le_bytes())
        .collect()
}

#[test]
fn a_ctranslate2_model_is_split_into_whisper_cpp_tensors_value_for_value() {
    let dir = tempfile::tempdir().unwrap();
    let fake = Fake::new(4);
    fake.write(dir.path());
    let out = dir.path().join("out").join("ggml-fake.bin");
    let done = convert(dir.path(), &out, false).unwrap();
    assert_eq!(done.info.tensors, 11 + 15 + 24);
    assert_eq!(done.info.weight_type, "f16");
    let h = done.info.hparams;
    assert_eq!(
        (
            h.n_vocab,
            h.n_audio_ctx,
            h.n_audio_state,
            h.n_audio_head,
            h.n_mels
        ),
        (51864, 6, 8, 2, 3)
    );
    let (header, vocab, t) = tensors(&out);
    assert_eq!(header[0], GGML_MAGIC);
    assert_eq!(header[11], 1, "ftype f16");
    // Tokens up to <|endoftext|>, decoded from GPT-2's byte-level spelling.
    assert_eq!(vocab.len(), 50257);
    assert_eq!(vocab[0], b" the");
    assert_eq!(vocab[50256], b"<|endoftext|>");
    let part = |name: &str, i: usize, of: usize| {
        let d = fake.data(name);
        d[i * d.len() / of..(i + 1) * d.len() / of].to_vec()
    };
    let f16 = |name: &str| (1, fake.data(name).to_vec());
    let f32 = |name: &str| (0, widened(fake.data(name)));
    let sa = "decoder/layer_0/self_attention";
    let ca = "decoder/layer_0/attention";
    let cases = [
        (
            "decoder.blocks.0.attn.query.weight",
            (1, part(&format!("{sa}/linear_0/weight"), 0, 3)),
        ),
        (
            "decoder.blocks.0.attn.key.weight",
            (1, part(&format!("{sa}/linear_0/weight"), 1, 3)),
        ),
        (
            "decoder.blocks.0.attn.value.weight",
            (1, part(&format!("{sa}/linear_0/weight"), 2, 3)),
        ),
        (
            "decoder.blocks.0.attn.query.bias",
            (0, widened(&part(&format!("{sa}/linear_0/bias"), 0, 3))),
        ),
        (
            "decoder.blocks.0.attn.value.bias",
            (0, widened(&part(&format!("{sa}/linear_0/bias"), 2, 3))),
        ),
        (
            "decoder.blocks.0.attn.out.weight",
            f16(&format!("{sa}/linear_1/weight")),
        ),
        (
            "decoder.blocks.0.attn_ln.weight",
            f32(&format!("{sa}/layer_norm/gamma")),
        ),
        (
            "decoder.blocks.0.cross_attn.query.weight",
            f16(&format!("{ca}/linear_0/weight")),
        ),
        (
            "decoder.blocks.0.cross_attn.key.weight",
            (1, part(&format!("{ca}/linear_1/weight"), 0, 2)),
        ),
        (
            "decoder.blocks.0.cross_attn.value.weight",
            (1, part(&format!("{ca}/linear_1/weight"), 1, 2)),
        ),
        (
            "decoder.blocks.0.cross_attn.value.bias",
            (0, widened(&part(&format!("{ca}/linear_1/bias"), 1, 2))),
        ),
        (
            "decoder.blocks.0.cross_attn.out.bias",
            f32(&format!("{ca}/linear_2/bias")),
        ),
        (
            "decoder.blocks.0.cross_attn_ln.bias",
            f32(&format!("{ca}/layer_norm/beta")),
        ),
        (
            "decoder.blocks.0.mlp.0.weight",
            f16("decoder/layer_0/ffn/linear_0/weight"),
        ),
        (
            "decoder.blocks.0.mlp.2.bias",
            f32("decoder/layer_0/ffn/linear_1/bias"),
        ),
        (
            "decoder.blocks.0.mlp_ln.weight",
            f32("decoder/layer_0/ffn/layer_norm/gamma"),
        ),
        (
            "encoder.blocks.0.attn.key.weight",
            (
                1,
                part("encoder/layer_0/self_attention/linear_0/weight", 1, 3),
            ),
        ),
        ("encoder.conv1.weight", f16("encoder/conv1/weight")),
        ("encoder.conv1.bias", f32("encoder/conv1/bias")),
        (
            "encoder.positional_embedding",
            f32("encoder/position_encodings/encodings"),
        ),
        ("encoder.ln_post.bias", f32("encoder/layer_norm/beta")),
        (
            "decoder.token_embedding.weight",
            f16("decoder/embeddings/weight"),
        ),
        (
            "decoder.positional_embedding",
            f32("decoder/position_encodings/encodings"),
        ),
        ("decoder.ln.weight", f32("decoder/layer_norm/gamma")),
    ];
    for (name, want) in cases {
        assert_eq!(t[name], want, "{name}");
    }
    // An existing file is kept unless replacing is asked for; then it is replaced.
    let e = convert(dir.path(), &out, false).unwrap_err();
    assert!(e.to_string().contains("already exists"), "{e}");
    convert(dir.path(), &out, true).unwrap();
    // Only the model is left in the folder: no temporary files.
    assert_eq!(std::fs::read_dir(out.parent().unwrap()).unwrap().count(), 1);
}

#[test]
fn float32_models_become_float32_files() {
    let dir = tempfile::tempdir().unwrap();
    let fake = Fake::new(0);
    fake.write(dir.path());
    let out = dir.path().join("ggml-f32.bin");
    let done = convert(dir.path(), &out, false).unwrap();
    assert_eq!(done.info.weight_type, "f32");
    let (header, _, t) = tensors(&out);
    assert_eq!(header[11], 0, "ftype f32");
    assert!(t.values().all(|(ttype, _)| *ttype == 0));
    assert_eq!(
        t["encoder.blocks.0.mlp.0.weight"].1,
        fake.data("encoder/layer_0/ffn/linear_0/weight")
    );
}

#[test]
fn what_whisper_cpp_cannot_hold_is_refused_and_nothing_is_written() {
    let refused = |change: &dyn Fn(&mut Fake, &Path)| {
        let dir = tempfile::tempdir().unwrap();
        let mut fake = Fake::new(4);
        change(&mut fake, dir.path());
        fake.write(dir.path());
        let out = dir.path().join("out.bin");
        let e = convert(dir.path(), &out, false).unwrap_err().to_string();
        assert!(!out.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "{e}");
        e
    };
    // A real bias on a key projection.
    let e = refused(&|f, _| {
        let v = f
            .vars
            .iter_mut()
            .find(|v| v.0 == "decoder/layer_0/attention/linear_1/bias")
            .unwrap();
        v.3[0] = 1;
    });
    assert!(e.contains("non-zero key bias"), "{e}");
    // Quantized weights.
    let e = refused(&|f, _| {
        f.vars.push((
            "decoder/embeddings/weight_scale".into(),
            vec![1],
            0,
            vec![0; 4],
        ));
    });
    assert!(e.contains("quantized"), "{e}");
    // A missing variable.
    let e = refused(&|f, _| f.vars.retain(|v| v.0 != "encoder/conv2/bias"));
    assert!(e.contains("encoder/conv2/bias"), "{e}");
    // A shape that does not fit.
    let e = refused(&|f, _| {
        let v = f
            .vars
            .iter_mut()
            .find(|v| v.0 == "encoder/layer_norm/gamma")
            .unwrap();
        v.1 = vec![4];
        v.3.truncate(8);
    });
    assert!(e.contains("encoder/layer_norm/gamma"), "{e}");
}

#[test]
fn inspect_refuses_what_whisper_cpp_would() {
    let dir = tempfile::tempdir().unwrap();
    Fake::new(4).write(dir.path());
    let good = dir.path().join("good.bin");
    convert(dir.path(), &good, false).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let check = |bytes: &[u8]| {
        let p = dir.path().join("bad.bin");
        std::fs::write(&p, bytes).unwrap();
        inspect(&p).map(|_| ()).map_err(|e| e.to_string())
    };
    assert_eq!(check(&bytes), Ok(()));
    let e = check(&bytes[..bytes.len() - 1]).unwrap_err();
    assert!(e.contains("cut short"), "{e}");
    let e = check(b"GGUF....").unwrap_err();
    assert!(e.contains("magic number"), "{e}");
    // A tensor renamed: whisper.cpp does not know it.
    let mut renamed = bytes.clone();
    let at = renamed.windows(9).position(|w| w == b"decoder.l").unwrap();
    renamed[at] = b'x';
    let e = check(&renamed).unwrap_err();
    assert!(
        e.contains("does not know") && e.contains("xecoder.l"),
        "{e}"
    );
    // The weight type changed in the header: the tensors no longer match it.
    let mut ftype = bytes.clone();
    ftype[44..48].copy_from_slice(&0u32.to_le_bytes());
    let e = check(&ftype).unwrap_err();
    assert!(e.contains("is f16, whisper.cpp expects f32"), "{e}");
}
