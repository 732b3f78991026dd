//! Post-processing of the SVG text plotters writes: what plotters cannot express is added by
//! editing its output, and every edit checks that the output still has the form it expects.
//!
//! Two edits, both tied to plotters-svg's serialization (attribute order, number format):
//!
//! - [`set_display_size`]: the drawing is made at a finer scale than it is shown; the
//!   `<svg width=… height=…` prefix is rewritten to the CSS size (the viewBox keeps the
//!   drawing's size).
//! - [`apply_patches`]: dash patterns (`stroke-dasharray`) go on the one `<polyline>` they
//!   belong to, found by the stroke and points plotters writes for it ([`polyline_key`]).
//!
//! The unit tests below render with plotters and fail when its format changes, before any
//! figure does.

use plotters::style::RGBColor;

/// An attribute plotters cannot write, to be added to one polyline of the finished SVG by
/// [`apply_patches`]: `polyline` is the part of the element that identifies it (from
/// [`polyline_key`]), `insert` what is written after it.
pub(super) struct Patch {
    pub(super) polyline: String,
    pub(super) insert: String,
}

/// The text by which plotters-svg's `<polyline>` of `points` (drawing units), drawn in
/// `colour` `width` units wide, is found: its stroke, stroke width and points, as
/// plotters-svg writes them.
pub(super) fn polyline_key(colour: RGBColor, width: i32, points: &[(i32, i32)]) -> String {
    let RGBColor(r, g, b) = colour;
    let mut polyline = format!(r##"stroke="#{r:02X}{g:02X}{b:02X}" stroke-width="{width}""##);
    polyline.push_str(r#" points=""#);
    for (x, y) in points {
        polyline.push_str(&format!("{x},{y} "));
    }
    polyline.push('"');
    polyline
}

/// Rewrites the `<svg width="…" height="…" ` that plotters writes for a drawing of `drawn`
/// units to the display size `shown` (CSS pixels). Panics if the SVG does not start so.
pub(super) fn set_display_size(svg: &mut String, drawn: (i32, i32), shown: (i32, i32)) {
    let prefix = format!(r#"<svg width="{}" height="{}" "#, drawn.0, drawn.1);
    assert!(svg.starts_with(&prefix), "plotters-svg no longer starts with {prefix:?}");
    svg.replace_range(
        ..prefix.len(),
        &format!(r#"<svg width="{}" height="{}" "#, shown.0, shown.1),
    );
}

/// Inserts each patch after its polyline. The patches are in drawing order, so each is looked
/// for after the one before; panics if one is not found (plotters' format changed).
pub(super) fn apply_patches(svg: &mut String, patches: &[Patch]) {
    let mut from = 0;
    for patch in patches {
        let found = svg[from..].find(&patch.polyline).map(|at| from + at);
        let at = found.unwrap_or_else(|| {
            panic!("plotters-svg no longer writes a polyline as {:?}", patch.polyline)
        });
        from = at + patch.polyline.len();
        svg.insert_str(from, &patch.insert);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    /// A polyline: its colour, width and points.
    type Line = (RGBColor, i32, Vec<(i32, i32)>);

    /// An SVG of `size` drawing units with the polylines `lines` drawn by plotters.
    fn plotters_svg(size: (u32, u32), lines: &[Line]) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            for (colour, width, points) in lines {
                let style = ShapeStyle::from(colour).stroke_width(*width as u32);
                root.draw(&PathElement::new(points.clone(), style)).unwrap();
            }
            root.present().unwrap();
        }
        svg
    }

    #[test]
    fn plotters_writes_the_size_prefix_we_rewrite() {
        let mut svg = plotters_svg((2560, 1600), &[]);
        set_display_size(&mut svg, (2560, 1600), (640, 400));
        assert!(svg.starts_with(r#"<svg width="640" height="400" "#), "{svg}");
        assert!(
            svg.contains(r#"viewBox="0 0 2560 1600""#),
            "the viewBox keeps the drawn size: {svg}"
        );
    }

    #[test]
    #[should_panic(expected = "no longer starts with")]
    fn a_different_prefix_is_an_error() {
        set_display_size(&mut String::from("<svg height=\"1\" width=\"1\" "), (1, 1), (1, 1));
    }

    #[test]
    fn plotters_writes_the_polylines_we_patch() {
        let a = (RGBColor(0x00, 0x72, 0xB2), 12, vec![(0, 0), (40, 8), (80, 80)]);
        let b = (RGBColor(0xD5, 0x5E, 0x00), 12, vec![(4, 4), (9, 90)]);
        let mut svg = plotters_svg((100, 100), &[a.clone(), b.clone()]);
        let patches: Vec<Patch> = [(&a, " A"), (&b, " B")]
            .into_iter()
            .map(|((c, w, p), insert)| Patch {
                polyline: polyline_key(*c, *w, p),
                insert: insert.to_string(),
            })
            .collect();
        assert_eq!(
            patches[0].polyline,
            r##"stroke="#0072B2" stroke-width="12" points="0,0 40,8 80,80 ""##
        );
        apply_patches(&mut svg, &patches);
        let first = svg.find(r#"80,80 " A"#).expect("patch A after its polyline");
        let second = svg.find(r#"9,90 " B"#).expect("patch B after its polyline");
        assert!(first < second, "{svg}");
    }

    #[test]
    #[should_panic(expected = "no longer writes a polyline")]
    fn a_missing_polyline_is_an_error() {
        let mut svg = plotters_svg((10, 10), &[]);
        let key = polyline_key(RGBColor(1, 2, 3), 4, &[(1, 1)]);
        apply_patches(&mut svg, &[Patch { polyline: key, insert: " X".into() }]);
    }
}
