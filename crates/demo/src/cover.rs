//! Cover art: a generative 768×768 RGB PNG per album (large enough for a
//! link preview's square image, at least 600 px), drawn from the album's
//! palette and motif (tides, contour map, retro sunset, night window, pixel
//! meadow, mountain ridges) with positions seeded by the album's name.

use crate::rng::Rng;
use crate::style::{CoverMotif, CoverStyle};
use crate::DemoError;

/// Width and height of every cover in drawing units: the motifs below
/// place their shapes on a 512-unit square.
pub(crate) const SIZE: usize = 512;
/// Width and height of every cover, in pixels: the 512-unit drawing
/// rendered at 1.5 pixels a unit.
pub(crate) const PIXELS: usize = 768;

type Rgb = [f32; 3];

fn rgb(c: [u8; 3]) -> Rgb {
    [f32::from(c[0]), f32::from(c[1]), f32::from(c[2])]
}

fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

/// Anti-aliased coverage from a signed distance (negative = inside).
fn coverage(distance: f32) -> f32 {
    (0.5 - distance).clamp(0.0, 1.0)
}

/// A floating-point RGB image with alpha-blended drawing primitives.
/// Shapes are given in drawing units (`size` of them a side); the image
/// has `res` pixels a side, each sampled at its centre.
struct Canvas {
    size: usize,
    res: usize,
    pixels: Vec<Rgb>,
}

impl Canvas {
    /// One pixel a unit.
    fn new(size: usize) -> Self {
        Self::rendered(size, size)
    }

    /// A cover: [`SIZE`] units drawn at [`PIXELS`].
    fn cover() -> Self {
        Self::rendered(SIZE, PIXELS)
    }

    fn rendered(size: usize, res: usize) -> Self {
        Self {
            size,
            res,
            pixels: vec![[0.0; 3]; res * res],
        }
    }

    /// Pixels per drawing unit.
    fn scale(&self) -> f32 {
        self.res as f32 / self.size as f32
    }

    /// Blends into pixel (`x`, `y`).
    fn blend(&mut self, x: usize, y: usize, color: Rgb, alpha: f32) {
        if alpha <= 0.0 || x >= self.res || y >= self.res {
            return;
        }
        let p = &mut self.pixels[y * self.res + x];
        *p = mix(*p, color, alpha);
    }

    /// Paints every pixel with `f(x, y)` (its centre, in drawing units).
    fn fill(&mut self, f: impl Fn(f32, f32) -> Rgb) {
        let scale = self.scale();
        for y in 0..self.res {
            for x in 0..self.res {
                self.pixels[y * self.res + x] =
                    f((x as f32 + 0.5) / scale, (y as f32 + 0.5) / scale);
            }
        }
    }

    /// Blends `color` with per-pixel opacity `alpha(x, y)` inside a box
    /// (both, and the box, in drawing units).
    fn shade(
        &mut self,
        bounds: [f32; 4],
        color: impl Fn(f32, f32) -> Rgb,
        alpha: impl Fn(f32, f32) -> f32,
    ) {
        let scale = self.scale();
        let clamp = |v: f32| (v.max(0.0) as usize).min(self.res);
        let (x0, y0) = (
            clamp((bounds[0] * scale).floor()),
            clamp((bounds[1] * scale).floor()),
        );
        let (x1, y1) = (
            clamp((bounds[2] * scale).ceil()),
            clamp((bounds[3] * scale).ceil()),
        );
        for y in y0..y1 {
            for x in x0..x1 {
                let (px, py) = ((x as f32 + 0.5) / scale, (y as f32 + 0.5) / scale);
                let a = alpha(px, py);
                if a > 0.0 {
                    self.blend(x, y, color(px, py), a);
                }
            }
        }
    }

    fn circle(&mut self, cx: f32, cy: f32, r: f32, color: Rgb, alpha: f32) {
        let bounds = [cx - r - 1.0, cy - r - 1.0, cx + r + 1.0, cy + r + 1.0];
        self.shade(
            bounds,
            |_, _| color,
            |x, y| alpha * coverage(((x - cx).powi(2) + (y - cy).powi(2)).sqrt() - r),
        );
    }

    fn ring(&mut self, cx: f32, cy: f32, r: f32, width: f32, color: Rgb, alpha: f32) {
        let outer = r + width;
        let bounds = [
            cx - outer - 1.0,
            cy - outer - 1.0,
            cx + outer + 1.0,
            cy + outer + 1.0,
        ];
        self.shade(
            bounds,
            |_, _| color,
            |x, y| {
                let d = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
                alpha * coverage((d - r).abs() - width * 0.5)
            },
        );
    }

    /// Soft radial glow fading out at `r`.
    fn glow(&mut self, cx: f32, cy: f32, r: f32, color: Rgb, strength: f32) {
        let bounds = [cx - r, cy - r, cx + r, cy + r];
        self.shade(
            bounds,
            |_, _| color,
            |x, y| {
                let d = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt() / r;
                strength * (1.0 - d).max(0.0).powi(2)
            },
        );
    }

    fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, color: Rgb, alpha: f32) {
        self.rounded_rect(x0, y0, x1, y1, 0.0, color, alpha);
    }

    #[allow(clippy::too_many_arguments)]
    fn rounded_rect(
        &mut self,
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        radius: f32,
        color: Rgb,
        alpha: f32,
    ) {
        let bounds = [x0 - 1.0, y0 - 1.0, x1 + 1.0, y1 + 1.0];
        self.shade(
            bounds,
            |_, _| color,
            |x, y| alpha * coverage(rounded_box_distance(x, y, x0, y0, x1, y1, radius)),
        );
    }

    /// Fills everything below the curve `top(x)` down to the bottom edge.
    fn fill_below(&mut self, top: impl Fn(f32) -> f32, color: impl Fn(f32, f32) -> Rgb) {
        let size = self.size as f32;
        self.shade([0.0, 0.0, size, size], color, |x, y| coverage(top(x) - y));
    }

    /// A line following `curve(x)` of the given thickness.
    fn curve(&mut self, curve: impl Fn(f32) -> f32, width: f32, color: Rgb, alpha: f32) {
        let size = self.size as f32;
        self.shade(
            [0.0, 0.0, size, size],
            |_, _| color,
            |x, y| alpha * coverage((y - curve(x)).abs() - width * 0.5),
        );
    }

    fn to_bytes(&self) -> Vec<u8> {
        self.pixels
            .iter()
            .flat_map(|p| p.map(|c| c.round().clamp(0.0, 255.0) as u8))
            .collect()
    }
}

/// Signed distance from a point to a rounded rectangle.
#[allow(clippy::too_many_arguments)]
fn rounded_box_distance(x: f32, y: f32, x0: f32, y0: f32, x1: f32, y1: f32, radius: f32) -> f32 {
    let (cx, cy) = ((x0 + x1) * 0.5, (y0 + y1) * 0.5);
    let (hx, hy) = ((x1 - x0) * 0.5 - radius, (y1 - y0) * 0.5 - radius);
    let (qx, qy) = ((x - cx).abs() - hx, (y - cy).abs() - hy);
    let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
    outside + qx.max(qy).min(0.0) - radius
}

/// Renders the cover for `style`, seeded by `seed`, as PNG bytes.
pub(crate) fn render_png(style: &CoverStyle, seed: u64) -> Result<Vec<u8>, DemoError> {
    let mut rng = Rng::new(seed);
    let palette = style.palette.map(rgb);
    let canvas = match style.motif {
        CoverMotif::Tides => tides(&palette, &mut rng),
        CoverMotif::Contours => contours(&palette, &mut rng),
        CoverMotif::SunsetGrid => sunset_grid(&palette, &mut rng),
        CoverMotif::Window => window(&palette, &mut rng),
        CoverMotif::PixelMeadow => pixel_meadow(&palette, &mut rng),
        CoverMotif::Ridges => ridges(&palette, &mut rng),
    };
    encode_png(&canvas)
}

fn encode_png(canvas: &Canvas) -> Result<Vec<u8>, DemoError> {
    let mut bytes = Vec::new();
    let side = canvas.res as u32;
    let mut encoder = png::Encoder::new(&mut bytes, side, side);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Default);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&canvas.to_bytes())?;
    writer.finish()?;
    Ok(bytes)
}

/// A wavy sum of sines with seeded phases, for horizons and ridges.
struct Wave {
    terms: [(f32, f32, f32); 3],
}

impl Wave {
    fn new(rng: &mut Rng, base_freq: f32, amplitude: f32) -> Self {
        let mut term = |k: f32| {
            (
                amplitude / k,
                base_freq * k * rng.range_f32(0.8, 1.25),
                rng.range_f32(0.0, std::f32::consts::TAU),
            )
        };
        Self {
            terms: [term(1.0), term(2.3), term(4.1)],
        }
    }

    fn at(&self, x: f32) -> f32 {
        self.terms
            .iter()
            .map(|(a, f, p)| a * (x * f + p).sin())
            .sum()
    }
}

fn tides(p: &[Rgb; 5], rng: &mut Rng) -> Canvas {
    let mut c = Canvas::cover();
    let horizon = 300.0;
    c.fill(|_, y| {
        if y < horizon {
            mix(p[0], p[2], y / horizon)
        } else {
            mix(p[1], p[0], (y - horizon) / (SIZE as f32 - horizon))
        }
    });
    let (mx, my, mr) = (
        rng.range_f32(150.0, 360.0),
        rng.range_f32(110.0, 180.0),
        rng.range_f32(55.0, 80.0),
    );
    c.glow(mx, my, mr * 2.6, p[4], 0.45);
    c.circle(mx, my, mr, p[4], 0.95);
    for k in 0..7 {
        let y = horizon + 14.0 + k as f32 * 14.0 * (1.0 + k as f32 * 0.25);
        let half = rng.range_f32(20.0, 60.0) * (1.0 + k as f32 * 0.3);
        c.rounded_rect(
            mx - half,
            y,
            mx + half,
            y + 2.0 + k as f32 * 0.6,
            1.0,
            p[4],
            0.3,
        );
    }
    for k in 0..6 {
        let base = horizon + 20.0 + k as f32 * 34.0;
        let wave = Wave::new(rng, 0.012 + k as f32 * 0.002, 6.0 + k as f32 * 2.0);
        c.curve(
            |x| base + wave.at(x),
            2.0 + k as f32 * 0.5,
            p[3],
            0.35 + k as f32 * 0.06,
        );
    }
    c
}

fn contours(p: &[Rgb; 5], rng: &mut Rng) -> Canvas {
    let mut c = Canvas::cover();
    let n = SIZE as f32;
    c.fill(|x, y| mix(p[0], p[1], (x + y) / (2.0 * n)));
    // Hills spread over a 2x2 grid so that they form separate summits.
    let hills: Vec<(f32, f32, f32, f32)> = (0..4)
        .map(|k| {
            let (qx, qy) = ((k % 2) as f32 * 220.0, (k / 2) as f32 * 220.0);
            (
                rng.range_f32(90.0, 200.0) + qx,
                rng.range_f32(90.0, 200.0) + qy,
                rng.range_f32(45.0, 85.0),
                rng.range_f32(0.6, 1.0),
            )
        })
        .collect();
    let field = |x: f32, y: f32| -> f32 {
        hills
            .iter()
            .map(|&(hx, hy, s, a)| {
                a * (-((x - hx).powi(2) + (y - hy).powi(2)) / (2.0 * s * s)).exp()
            })
            .sum()
    };
    let levels = 9.0;
    let top = p[3];
    let low = p[2];
    c.shade(
        [0.0, 0.0, n, n],
        |x, y| mix(low, top, field(x, y)),
        |x, y| {
            let f = field(x, y) * levels;
            let (fx, fy) = (
                field(x + 1.0, y) * levels - f,
                field(x, y + 1.0) * levels - f,
            );
            let gradient = (fx * fx + fy * fy).sqrt().max(1e-4);
            let frac = f - f.round();
            let distance_px = frac.abs() / gradient;
            0.85 * coverage(distance_px - 0.7)
        },
    );
    for &(hx, hy, _, _) in &hills {
        c.circle(hx, hy, 4.0, p[4], 0.9);
        c.ring(hx, hy, 12.0, 1.5, p[4], 0.6);
    }
    c
}

fn sunset_grid(p: &[Rgb; 5], rng: &mut Rng) -> Canvas {
    let mut c = Canvas::cover();
    let n = SIZE as f32;
    let horizon = 330.0;
    c.fill(|_, y| {
        if y < horizon {
            let t = y / horizon;
            if t < 0.6 {
                mix(p[0], p[1], t / 0.6)
            } else {
                mix(p[1], p[2], (t - 0.6) / 0.4)
            }
        } else {
            p[0]
        }
    });
    for _ in 0..40 {
        let (x, y) = (rng.range_f32(0.0, n), rng.range_f32(0.0, horizon * 0.55));
        c.circle(x, y, rng.range_f32(0.8, 1.8), p[4], rng.range_f32(0.3, 0.9));
    }
    let (sx, sy, sr) = (
        256.0 + rng.range_f32(-40.0, 40.0),
        horizon - 40.0,
        rng.range_f32(115.0, 140.0),
    );
    c.glow(sx, sy, sr * 1.8, p[3], 0.35);
    let stripe_top = sy - sr * 0.2;
    c.shade(
        [sx - sr - 1.0, sy - sr - 1.0, sx + sr + 1.0, horizon],
        |_, y| mix(p[4], p[2], (y - (sy - sr)) / (sr * 1.6)),
        |x, y| {
            let inside = coverage(((x - sx).powi(2) + (y - sy).powi(2)).sqrt() - sr);
            if y > stripe_top {
                let depth = (y - stripe_top) / (horizon - stripe_top);
                let period = 22.0;
                let gap = 2.0 + depth * 9.0;
                if (y - stripe_top).rem_euclid(period) < gap {
                    return 0.0;
                }
            }
            inside
        },
    );
    // Perspective floor grid converging on the sun.
    let floor = n - horizon;
    c.shade(
        [0.0, horizon, n, n],
        |_, _| p[2],
        |x, y| {
            let depth = (y - horizon).max(0.5);
            let spacing = 48.0;
            let u = (x - sx) / depth * 40.0 / spacing;
            let vertical = (u - u.round()).abs() * spacing * depth / 40.0;
            let z = floor / depth;
            let horizontal =
                ((z * 2.0) - (z * 2.0).round()).abs() / (2.0 * floor / (depth * depth));
            let fade = (depth / floor).sqrt();
            0.9 * fade * coverage(vertical.min(horizontal) - 0.8)
        },
    );
    c.rect(0.0, horizon - 1.0, n, horizon + 1.5, p[3], 0.9);
    c
}

fn window(p: &[Rgb; 5], rng: &mut Rng) -> Canvas {
    let mut c = Canvas::cover();
    let n = SIZE as f32;
    c.fill(|_, y| mix(p[3], p[2], y / n));
    let (x0, y0, x1, y1) = (96.0, 64.0, 416.0, 372.0);
    c.rounded_rect(x0 - 14.0, y0 - 14.0, x1 + 14.0, y1 + 14.0, 30.0, p[4], 1.0);
    c.shade(
        [x0, y0, x1, y1],
        |_, y| mix(p[0], p[1], (y - y0) / (y1 - y0)),
        |x, y| coverage(rounded_box_distance(x, y, x0, y0, x1, y1, 18.0)),
    );
    for _ in 0..30 {
        let (x, y) = (
            rng.range_f32(x0 + 10.0, x1 - 10.0),
            rng.range_f32(y0 + 10.0, y1 - 60.0),
        );
        c.circle(x, y, rng.range_f32(0.8, 2.0), p[4], rng.range_f32(0.4, 1.0));
    }
    let (mx, my, mr) = (
        rng.range_f32(170.0, 340.0),
        rng.range_f32(120.0, 170.0),
        38.0,
    );
    let (ox, oy) = (mx + 16.0, my - 10.0);
    c.glow(mx, my, mr * 2.2, p[3], 0.25);
    c.shade(
        [mx - mr - 1.0, my - mr - 1.0, mx + mr + 1.0, my + mr + 1.0],
        |_, _| p[4],
        |x, y| {
            let moon = coverage(((x - mx).powi(2) + (y - my).powi(2)).sqrt() - mr);
            let bite = coverage(((x - ox).powi(2) + (y - oy).powi(2)).sqrt() - mr * 0.85);
            moon * (1.0 - bite)
        },
    );
    // Mullions.
    c.rect(251.0, y0, 261.0, y1, p[4], 1.0);
    c.rect(x0, 214.0, x1, 224.0, p[4], 1.0);
    // Sill and desk.
    c.rect(60.0, y1 + 14.0, n - 60.0, y1 + 34.0, p[4], 1.0);
    c.rect(0.0, y1 + 34.0, n, n, p[1], 1.0);
    // A mug with steam.
    let mug_x = rng.range_f32(130.0, 320.0);
    c.rounded_rect(mug_x, y1 - 46.0, mug_x + 56.0, y1 + 14.0, 8.0, p[2], 1.0);
    c.ring(mug_x + 60.0, y1 - 18.0, 13.0, 6.0, p[2], 1.0);
    for k in 0..3 {
        let sx = mug_x + 12.0 + k as f32 * 16.0;
        let phase = rng.range_f32(0.0, 6.0);
        c.shade(
            [sx - 12.0, y1 - 120.0, sx + 12.0, y1 - 54.0],
            |_, _| p[4],
            |x, y| {
                let centre = sx + 5.0 * (y * 0.09 + phase).sin();
                0.45 * coverage((x - centre).abs() - 1.6)
            },
        );
    }
    c
}

fn pixel_meadow(p: &[Rgb; 5], rng: &mut Rng) -> Canvas {
    const GRID: usize = 64;
    let mut small = Canvas::new(GRID);
    let g = GRID as f32;
    small.fill(|_, y| {
        let band = ((y / (g * 0.7)) * 4.0).floor().min(3.0) / 3.0;
        mix(p[2], mix(p[2], p[4], 0.55), band)
    });
    let (sx, sy) = (rng.range_f32(40.0, 54.0), rng.range_f32(9.0, 15.0));
    small.circle(sx, sy, 5.5, p[3], 1.0);
    for _ in 0..3 {
        let (cx, cy) = (rng.range_f32(4.0, 44.0), rng.range_f32(6.0, 24.0));
        for k in 0..4 {
            let r = if k % 2 == 0 { 3.0 } else { 2.2 };
            small.circle(cx + k as f32 * 3.0, cy - (k % 2) as f32 * 1.5, r, p[4], 1.0);
        }
    }
    let back = Wave::new(rng, 0.1, 3.0);
    let front = Wave::new(rng, 0.16, 2.5);
    small.fill_below(|x| 38.0 + back.at(x), |_, _| mix(p[1], p[2], 0.35));
    small.fill_below(|x| 47.0 + front.at(x), |_, _| p[1]);
    small.fill_below(|_| 58.0, |_, _| p[0]);
    for _ in 0..22 {
        let x = rng.below(GRID);
        let y = 50 + rng.below(8);
        let color = if rng.chance(0.5) { p[3] } else { p[4] };
        small.blend(x, y, color, 1.0);
    }
    // Hard-edged pixels: threshold the anti-aliasing, then scale up.
    let mut c = Canvas::cover();
    let res = c.res;
    for y in 0..res {
        for x in 0..res {
            let q = small.pixels[(y * GRID / res) * GRID + x * GRID / res];
            c.pixels[y * res + x] = q.map(|v| (v / 16.0).round() * 16.0);
        }
    }
    c
}

fn ridges(p: &[Rgb; 5], rng: &mut Rng) -> Canvas {
    let mut c = Canvas::cover();
    let n = SIZE as f32;
    c.fill(|_, y| {
        let t = y / (n * 0.65);
        if t < 0.5 {
            mix(p[2], p[3], t / 0.5)
        } else {
            mix(p[3], p[4], (t - 0.5) / 0.5)
        }
    });
    let (sx, sy) = (rng.range_f32(140.0, 380.0), rng.range_f32(200.0, 250.0));
    c.glow(sx, sy, 150.0, p[4], 0.5);
    c.circle(sx, sy, 52.0, p[4], 0.95);
    let layers = 4;
    for l in 0..layers {
        let t = l as f32 / (layers - 1) as f32;
        let base = 250.0 + l as f32 * 60.0;
        let wave = Wave::new(rng, 0.008 + l as f32 * 0.004, 26.0 - l as f32 * 3.0);
        let color = mix(mix(p[2], p[1], 0.5), p[0], t);
        c.fill_below(|x| base + wave.at(x), |_, _| color);
        if l >= 2 {
            for _ in 0..(5 + l * 3) {
                let x = rng.range_f32(0.0, n);
                let ground = base + wave.at(x) + 6.0;
                let height = rng.range_f32(40.0, 90.0) * (0.7 + 0.3 * t);
                pine(&mut c, x, ground, height, color);
            }
        }
    }
    c
}

/// A stylised pine: three stacked triangles on a trunk.
fn pine(c: &mut Canvas, x: f32, ground: f32, height: f32, color: Rgb) {
    c.rect(
        x - height * 0.04,
        ground - height * 0.2,
        x + height * 0.04,
        ground,
        color,
        1.0,
    );
    for tier in 0..3 {
        let top = ground - height + tier as f32 * height * 0.22;
        let bottom = top + height * 0.45;
        let half = height * (0.16 + tier as f32 * 0.05);
        c.shade(
            [x - half - 1.0, top, x + half + 1.0, bottom],
            |_, _| color,
            |px, py| {
                let w = half * (py - top) / (bottom - top);
                coverage((px - x).abs() - w)
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::styles;

    #[test]
    fn every_motif_renders_distinct_pngs() {
        let mut seen = Vec::new();
        for style in [
            &styles::AMBIENT,
            &styles::DOWNTEMPO,
            &styles::SYNTH_POP,
            &styles::LOFI,
            &styles::CHIPTUNE,
            &styles::FOLK,
        ] {
            let png = render_png(&style.cover, 99).unwrap();
            assert!(png.starts_with(b"\x89PNG"));
            assert!(!seen.contains(&png));
            seen.push(png);
        }
    }

    #[test]
    fn rounded_box_distance_is_signed() {
        assert!(rounded_box_distance(50.0, 50.0, 0.0, 0.0, 100.0, 100.0, 10.0) < 0.0);
        assert!(rounded_box_distance(150.0, 50.0, 0.0, 0.0, 100.0, 100.0, 10.0) > 0.0);
    }
}
