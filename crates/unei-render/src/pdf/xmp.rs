//! PDF/A and PDF/UA identification: the XMP metadata packet (the document information
//! dictionary's values again, the pdfaid and pdfuaid claims and the pdfaExtension schema
//! that declares pdfuaid) and the sRGB OutputIntent the device colours refer to. Dates come
//! from `SOURCE_DATE_EPOCH` like the Info dictionary's, so the bytes stay deterministic.

use std::sync::OnceLock;

use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::{PdfError, PdfStandard};

/// The sRGB profile (ICC v2, ~1 KB, computed from IEC 61966-2-1 by assets/icc/make_srgb.py).
static SRGB_ICC: &[u8] = include_bytes!("../../../../assets/icc/sRGB.icc");
const SRGB_NAME: &str = "sRGB IEC61966-2.1";

/// The sRGB profile's stream object, compressed once per process.
fn srgb_profile() -> &'static Object {
    static PROFILE: OnceLock<Object> = OnceLock::new();
    PROFILE.get_or_init(|| {
        super::deflate::stream(
            Dictionary::from_iter(vec![("N", Object::Integer(3))]),
            SRGB_ICC.to_vec(),
            super::deflate::ONCE_LEVEL,
        )
    })
}

/// What the packet says, as the Info dictionary says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Metadata<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub language: &'a str,
    pub creator: &'a str,
    pub producer: &'a str,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    pub date: String,
}

/// Adds /Metadata and /OutputIntents to the catalog for a PDF/A standard; nothing for none.
pub(super) fn add(
    lo: &mut lopdf::Document,
    meta: &Metadata<'_>,
    standard: PdfStandard,
) -> Result<(), PdfError> {
    let conformance = match standard {
        PdfStandard::A2aUa1 => "A",
        PdfStandard::A2b => "B",
        PdfStandard::None => return Ok(()),
    };
    let packet = packet(meta, conformance, standard == PdfStandard::A2aUa1);
    // Unfiltered, as PDF/A wants it (archive tools read it without a PDF parser).
    let stream = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        packet.into_bytes(),
    )
    .with_compression(false);
    let metadata = lo.add_object(Object::Stream(stream));
    let profile = lo.add_object(srgb_profile().clone());
    let text = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    let intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", text(SRGB_NAME)),
        ("Info", text(SRGB_NAME)),
        ("DestOutputProfile", Object::Reference(profile)),
    ]);
    let catalog = lo.catalog_mut().map_err(super::post::assemble)?;
    catalog.set("Metadata", Object::Reference(metadata));
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    Ok(())
}

/// The XMP packet: one rdf:Description, the extension schema for pdfuaid when it is claimed.
pub(super) fn packet(meta: &Metadata<'_>, conformance: &str, ua: bool) -> String {
    let e = escape;
    let mut x = String::with_capacity(3000);
    x.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str(concat!(
        "<rdf:Description rdf:about=\"\"",
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"",
        " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"",
        " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"",
        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"",
        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    ));
    let alt = |v: &str| {
        format!(
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
            e(v)
        )
    };
    x.push_str(&format!("<dc:title>{}</dc:title>\n", alt(meta.title)));
    x.push_str(&format!(
        "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
        e(meta.author)
    ));
    x.push_str(&format!(
        "<dc:description>{}</dc:description>\n",
        alt(meta.subject)
    ));
    x.push_str(&format!(
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        e(meta.language)
    ));
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    for key in ["CreateDate", "ModifyDate", "MetadataDate"] {
        x.push_str(&format!("<xmp:{key}>{}</xmp:{key}>\n", meta.date));
    }
    x.push_str(&format!(
        "<xmp:CreatorTool>{}</xmp:CreatorTool>\n",
        e(meta.creator)
    ));
    x.push_str(&format!(
        "<pdf:Producer>{}</pdf:Producer>\n",
        e(meta.producer)
    ));
    x.push_str(&format!(
        "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>{conformance}</pdfaid:conformance>\n"
    ));
    if ua {
        x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
        x.push_str(UA_EXTENSION);
    }
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
    x
}

/// PDF/A allows only its predefined schemas unless an extension schema declares the others:
/// the declaration of pdfuaid:part (ISO 14289-1, 5).
const UA_EXTENSION: &str = "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
";

/// Text as XML character data (`&`, `<`, `>`, `"` escaped).
fn escape(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Metadata<'static> {
        Metadata {
            title: "令和2年度 A&B局運営方針",
            author: "A&B局",
            subject: "運営方針",
            language: "ja",
            creator: "unei",
            producer: "unei 0.1.0",
            date: "2020-06-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn the_packet_claims_what_it_is_asked_and_escapes_text() {
        let a = packet(&meta(), "A", true);
        assert!(a.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(a.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(a.contains("http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"));
        assert!(a.contains("<rdf:li xml:lang=\"x-default\">令和2年度 A&amp;B局運営方針</rdf:li>"));
        assert!(a.contains("<xmp:CreateDate>2020-06-01T00:00:00Z</xmp:CreateDate>"));
        let b = packet(&meta(), "B", false);
        assert!(b.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(!b.contains("pdfuaid:part>"));
        assert_eq!(a, packet(&meta(), "A", true), "deterministic");
    }

    /// The big-endian u32 at `at` of `data` (ICC numbers are big-endian).
    fn be32(data: &[u8], at: usize) -> u32 {
        u32::from_be_bytes(data[at..at + 4].try_into().unwrap())
    }

    /// The tag `signature`'s data.
    fn tag(signature: &[u8; 4]) -> &'static [u8] {
        let count = be32(SRGB_ICC, 128) as usize;
        let entry = (0..count)
            .map(|i| 132 + 12 * i)
            .find(|&e| &SRGB_ICC[e..e + 4] == signature)
            .unwrap_or_else(|| panic!("no {} tag", String::from_utf8_lossy(signature)));
        let (offset, size) = (
            be32(SRGB_ICC, entry + 4) as usize,
            be32(SRGB_ICC, entry + 8) as usize,
        );
        &SRGB_ICC[offset..offset + size]
    }

    fn xyz(signature: &[u8; 4]) -> [f64; 3] {
        let data = tag(signature);
        assert_eq!(&data[..4], b"XYZ ");
        [8, 12, 16]
            .map(|at| f64::from(i32::from_be_bytes(data[at..at + 4].try_into().unwrap())) / 65536.0)
    }

    fn assert_near(got: [f64; 3], want: [f64; 3], name: &str, within: f64) {
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < within, "{name}: {got:?}, sRGB has {want:?}");
        }
    }

    #[test]
    fn the_profile_is_an_icc_v2_display_profile_with_every_required_tag() {
        assert_eq!(
            be32(SRGB_ICC, 0) as usize,
            SRGB_ICC.len(),
            "the header's size"
        );
        assert_eq!(&SRGB_ICC[8..10], [2, 0x10], "version 2.1");
        assert_eq!(&SRGB_ICC[12..24], b"mntrRGB XYZ ");
        assert_eq!(&SRGB_ICC[36..40], b"acsp");
        for signature in [
            b"desc", b"cprt", b"wtpt", b"rXYZ", b"gXYZ", b"bXYZ", b"rTRC", b"gTRC", b"bTRC",
        ] {
            assert!(!tag(signature).is_empty());
        }
        assert!(
            tag(b"desc")
                .windows(SRGB_NAME.len())
                .any(|w| w == SRGB_NAME.as_bytes())
        );
    }

    #[test]
    fn the_profile_holds_srgb_s_numbers() {
        // IEC 61966-2-1: D65 white; the primaries adapted to D50 by Bradford, as in every
        // published sRGB profile (whose last digits differ with the D50 each one adapts to).
        assert_near(xyz(b"wtpt"), [0.950_456, 1.0, 1.089_058], "wtpt", 1e-4);
        let colorants = [b"rXYZ", b"gXYZ", b"bXYZ"].map(xyz);
        assert_near(
            colorants[0],
            [0.436_075, 0.222_504, 0.013_932],
            "rXYZ",
            5e-4,
        );
        assert_near(
            colorants[1],
            [0.385_065, 0.716_879, 0.097_105],
            "gXYZ",
            5e-4,
        );
        assert_near(
            colorants[2],
            [0.143_080, 0.060_617, 0.714_173],
            "bXYZ",
            5e-4,
        );
        // White (1, 1, 1) is the connection space's D50, as the ICC requires.
        let white = [0, 1, 2].map(|i| colorants.iter().map(|c| c[i]).sum());
        assert_near(white, [0.9642, 1.0, 0.8249], "r + g + b", 1e-4);
        let curve = tag(b"rTRC");
        assert_eq!((tag(b"gTRC"), tag(b"bTRC")), (curve, curve));
        assert_eq!(&curve[..4], b"curv");
        let points: Vec<u16> = curve[12..]
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        assert_eq!(points.len(), 256);
        assert_eq!(be32(curve, 8), 256);
        for (i, &point) in points.iter().enumerate() {
            let c = i as f64 / 255.0;
            let linear = if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            };
            let want = (linear * 65535.0).round();
            assert!(
                (f64::from(point) - want).abs() <= 1.0,
                "{i}: {point}, sRGB {want}"
            );
        }
    }
}
