//! A seeded generator of large consultation rounds for benchmarks. Its text is stamped out of
//! word pools on purpose (it measures throughput, not language); the shipped demo round in
//! `corpus/` is hand-written and is what shows the tool. The same seed gives the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// A small, fast, seeded pseudo-random generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const OPENERS: &[&str] = &[
    "Terima kasih Bapak Ibu,",
    "Izin menambahkan,",
    "Jadi begini,",
    "Menurut kami,",
    "Dari pengalaman di lapangan,",
    "Mohon izin,",
    "Nah,",
    "Kalau boleh usul,",
    "Sebenarnya,",
    "Yang kami lihat,",
];
const SUBJECTS: &[&str] = &[
    "data penerima bantuan",
    "lansia terlantar",
    "anak putus sekolah",
    "penyandang disabilitas",
    "keluarga miskin ekstrem",
    "pendamping PKH",
    "korban bencana banjir",
    "warga di pesisir",
    "pemerintah daerah",
    "anggaran perlindungan sosial",
    "balita stunting",
    "pekerja informal",
    "komunitas adat terpencil",
    "penyalahguna NAPZA",
    "program BPNT",
    "DTKS di kabupaten kami",
    "petani yang gagal panen",
    "lembaga kesejahteraan sosial",
    "Karang Taruna",
    "korban PHK",
];
const VERBS: &[&str] = &[
    "perlu diperhatikan lebih serius",
    "belum tercatat dengan baik",
    "masih sangat terbatas",
    "harus diperbarui setiap tahun",
    "sering tidak tepat sasaran",
    "butuh pendampingan rutin",
    "terdampak perubahan iklim",
    "belum mendapat akses layanan",
    "perlu dikoordinasikan lintas sektor",
    "harus masuk indikator Renstra",
    "menjadi prioritas pembangunan berkelanjutan",
    "memerlukan pelatihan vokasi",
    "bergantung pada bantuan sosial",
];
const TAILS: &[&str] = &[
    "di desa-desa kami",
    "sejak tiga tahun terakhir",
    "terutama di wilayah timur",
    "karena anggaran daerah kecil",
    "sampai tahun 2029",
    "menuju Indonesia Emas 2045",
    "tanpa dukungan pemerintah pusat",
    "kalau tidak ada verifikasi",
    "bersama dinas terkait",
    "di tingkat kecamatan",
];
const SPEAKERS: &[(&str, &str)] = &[
    ("Ahmad Fauzi", "Dinas Sosial Jawa Barat"),
    ("Siti Nurhaliza", "Bappeda Jawa Tengah"),
    ("Yohanes Tefa", "Dinas Sosial NTT"),
    ("Made Wirawan", "Universitas Udayana"),
    ("Rina Marlina", "Kemenko PMK"),
    ("Budi Hartono", "Pusdatin Kesos"),
    ("Nur Aini", "LKS Lansia Harapan"),
    ("Frans Kogoya", "Dinas Sosial Papua"),
];

/// What [`generate_round`] wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generated {
    pub files: usize,
    pub bytes: u64,
    pub turns: u64,
}

fn sentence(rng: &mut SplitMix64, out: &mut String) {
    let _ = write!(
        out,
        "{} {} {} {}. ",
        rng.pick(OPENERS),
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(TAILS)
    );
}

/// Writes a round of speaker-turn transcripts of about `target_bytes` into `dir`, with a
/// manifest, from `seed`.
pub fn generate_round(dir: &Path, target_bytes: u64, seed: u64) -> std::io::Result<Generated> {
    const FILE_BYTES: u64 = 512 * 1024;
    std::fs::create_dir_all(dir)?;
    let mut rng = SplitMix64::new(seed);
    let mut generated = Generated::default();
    let mut manifest =
        String::from("[round]\nid = \"sintetis\"\nstakeholder = \"pemerintah_daerah\"\n\n");
    let mut turn = String::new();
    while generated.bytes < target_bytes {
        let name = format!("sesi-{:04}.txt", generated.files);
        let _ = writeln!(
            manifest,
            "[[files]]\npath = \"{name}\"\nsession = \"sesi-{}\"\ndate = \"2024-02-01\"\n",
            generated.files % 4
        );
        let mut file = std::io::BufWriter::new(std::fs::File::create(dir.join(&name))?);
        let mut written = 0u64;
        let mut seconds = 0u64;
        let header = "TRANSKRIP SINTETIS UNTUK BENCHMARK\n\n";
        file.write_all(header.as_bytes())?;
        written += header.len() as u64;
        while written < FILE_BYTES {
            turn.clear();
            let (speaker, organisation) = SPEAKERS[rng.below(SPEAKERS.len())];
            seconds += 20 + rng.below(200) as u64;
            let _ = write!(
                turn,
                "[{:02}:{:02}:{:02}] {speaker} ({organisation}): ",
                seconds / 3600,
                seconds / 60 % 60,
                seconds % 60
            );
            // Mostly short turns, some long ones that the segmenter splits.
            let sentences = if rng.below(5) == 0 {
                8 + rng.below(10)
            } else {
                1 + rng.below(5)
            };
            for _ in 0..sentences {
                sentence(&mut rng, &mut turn);
            }
            turn.push('\n');
            file.write_all(turn.as_bytes())?;
            written += turn.len() as u64;
            generated.turns += 1;
        }
        file.flush()?;
        generated.bytes += written;
        generated.files += 1;
    }
    std::fs::write(dir.join("manifest.toml"), manifest)?;
    Ok(generated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_round() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let ga = generate_round(a.path(), 100_000, 7).unwrap();
        generate_round(b.path(), 100_000, 7).unwrap();
        assert!(ga.bytes >= 100_000 && ga.files == 1);
        let read = |d: &Path| std::fs::read(d.join("sesi-0000.txt")).unwrap();
        assert_eq!(read(a.path()), read(b.path()));
    }
}
