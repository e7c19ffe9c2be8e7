//! Just enough of the protobuf wire format to read the two settings grill needs from a newer
//! Anki collection (schema 18, `collection.anki21b`): whether a note type is a cloze type
//! (`NotetypeConfig.kind`, field 1) and a card template's question and answer formats
//! (`CardTemplateConfig.q_format` and `a_format`, fields 1 and 2). A protobuf crate and Anki's
//! `.proto` files would be far more than two fields need. Malformed bytes end the reading;
//! they never panic.

/// A field's value: a number (wire type 0) or bytes (wire type 2); other types are skipped.
#[derive(Debug, PartialEq)]
pub enum Value<'a> {
    /// A varint.
    Number(u64),
    /// A length-delimited value (a string, bytes, a nested message).
    Bytes(&'a [u8]),
}

/// The fields of a message, in order: `(field number, value)`.
pub fn fields(mut buf: &[u8]) -> Vec<(u64, Value<'_>)> {
    let mut out = Vec::new();
    while !buf.is_empty() {
        let Some(key) = varint(&mut buf) else { break };
        let (number, wire) = (key >> 3, key & 7);
        match wire {
            0 => match varint(&mut buf) {
                Some(v) => out.push((number, Value::Number(v))),
                None => break,
            },
            1 | 5 => {
                let n = if wire == 1 { 8 } else { 4 };
                if buf.len() < n {
                    break;
                }
                buf = &buf[n..];
            }
            2 => {
                let Some(len) = varint(&mut buf).and_then(|l| usize::try_from(l).ok()) else {
                    break;
                };
                if buf.len() < len {
                    break;
                }
                out.push((number, Value::Bytes(&buf[..len])));
                buf = &buf[len..];
            }
            _ => break,
        }
    }
    out
}

/// The number in field `n`, if there is one.
pub fn number(buf: &[u8], n: u64) -> Option<u64> {
    fields(buf).into_iter().find_map(|(k, v)| match v {
        Value::Number(x) if k == n => Some(x),
        _ => None,
    })
}

/// The text in field `n`, if there is one (invalid UTF-8 replaced).
pub fn text(buf: &[u8], n: u64) -> Option<String> {
    fields(buf).into_iter().find_map(|(k, v)| match v {
        Value::Bytes(b) if k == n => Some(String::from_utf8_lossy(b).into_owned()),
        _ => None,
    })
}

fn varint(buf: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = buf.split_first()?;
        *buf = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_strings_and_stops_on_garbage() {
        // kind = 1, a fixed64, q_format = "{{Front}}", then a truncated field.
        let mut msg = vec![0x08, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x0a, 9];
        msg.extend_from_slice(b"{{Front}}");
        msg.extend_from_slice(&[0x12, 50, b'x']);
        assert_eq!(number(&msg, 1), Some(1));
        assert_eq!(text(&msg, 1).as_deref(), Some("{{Front}}"));
        assert_eq!(text(&msg, 2), None);
        assert_eq!(fields(&[0xff; 20]), vec![]);
        assert_eq!(number(&[0x08, 0x96, 0x01], 1), Some(150));
    }
}
