#!/usr/bin/env Rscript
# Independent check of nbhd's spatial statistics against R's spdep (Debian r-cran-spdep) on the national
# LSOA 2021 boundaries and IMD 2025 scores:
#   - queen neighbour lists (poly2nb) against `nbhd weights -o queen.gal`, area by area;
#   - global Moran's I and its normality/randomisation z (moran.test, adjust.n = FALSE) against `nbhd lisa --json`;
#   - every local I_i (localmoran) and Gi* z (localG, include.self) against `nbhd lisa -o`, to 1e-9;
#   - the bivariate I_i (IMD x CNI 2023), spdep's lag.listw of standardised values, to 1e-9;
#   - significance classes at 999 permutations: nbhd's conditional permutation clusters against spdep's
#     localmoran_perm (folded p), and, as the yardstick of pure Monte Carlo noise, nbhd against itself with
#     another seed.
# spdep draws the permuted neighbour values with replacement, GeoDa and nbhd without; with 6 neighbours
# among 33,755 areas the two differ in about 1 draw in 2,000.
#
# usage: Rscript bench/validate_spatial_stats.R [--data DIR] [--nbhd PATH] [--out DIR] [--time]
#   --time: only time spdep's queen weights and localmoran_perm(nsim = 999), printed as
#           "reference NAME SECONDS" lines (bench_spatial_stats reads them).
suppressPackageStartupMessages({
  library(sf)
  library(spdep)
})
args <- commandArgs(trailingOnly = TRUE)
opt <- function(name, default) {
  i <- match(name, args)
  if (is.na(i)) default else args[i + 1]
}
data_dir <- opt("--data", "../shared/data")
nbhd <- opt("--nbhd", "build/app/nbhd")
out_dir <- opt("--out", tempdir())
time_only <- "--time" %in% args
eng <- file.path(data_dir, "england")

sf_use_s2(FALSE)
lsoa <- st_read(file.path(eng, "lsoa21.gpkg"), quiet = TRUE)
imd <- read.csv(file.path(eng, "imd2025_lsoa21.csv"), check.names = FALSE)
cni <- read.csv(file.path(eng, "cni2023_lsoa21.csv"), check.names = FALSE)

t0 <- Sys.time()
nb_all <- poly2nb(lsoa, queen = TRUE, row.names = lsoa$lsoa21_code)
t_queen <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
cat(sprintf("reference queen_weights %.3f\n", t_queen))

# England: the areas with an IMD score; the neighbours among them.
has <- lsoa$lsoa21_code %in% imd$lsoa21_code
nb <- subset(nb_all, has)
codes <- lsoa$lsoa21_code[has]
x <- imd$IMD_score[match(codes, imd$lsoa21_code)]
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
t0 <- Sys.time()
lp <- localmoran_perm(x, lw, nsim = 999, zero.policy = TRUE, iseed = 1)
t_perm <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
cat(sprintf("reference local_moran_999 %.3f\n", t_perm))
if (time_only) quit(status = 0)

run <- function(...) {
  status <- system2(nbhd, shQuote(c(...)), stdout = TRUE)
  if (!is.null(attr(status, "status"))) stop("nbhd failed: ", paste(c(...), collapse = " "))
  status
}
gpkg <- file.path(eng, "lsoa21.gpkg")
imd_csv <- file.path(eng, "imd2025_lsoa21.csv")
cni_csv <- file.path(eng, "cni2023_lsoa21.csv")
gal <- file.path(out_dir, "queen.gal")
run("weights", gpkg, "-o", gal, "--force")

# 1. Neighbour lists, area by area (read.gal keeps the file's ids as region.id).
ours <- read.gal(gal, region.id = lsoa$lsoa21_code, override.id = TRUE)
same <- mapply(function(a, b) identical(sort(a[a > 0]), sort(b[b > 0])), unclass(nb_all), unclass(ours))
cat(sprintf("queen neighbours: %d areas, %d links (spdep) vs %d (nbhd); lists identical for %d of %d areas\n",
            length(nb_all), sum(card(nb_all)), sum(card(ours)), sum(same), length(same)))
cat(sprintf("islands: spdep %d, nbhd %d\n", sum(card(nb_all) == 0), sum(card(ours) == 0)))

# 2. nbhd's LISA, Gi* and bivariate LISA.
lisa_csv <- file.path(out_dir, "lisa.csv")
json <- paste(run("lisa", gpkg, "--indicators", imd_csv, "--column", "IMD_score", "--gi", "--json",
                  "-o", lisa_csv, "--force"), collapse = "\n")
num <- function(key) as.numeric(sub(paste0('.*"', key, '": ([-0-9.e+]+).*'), "\\1", json))
ours <- read.csv(lisa_csv)
ours <- ours[match(codes, ours$code), ]

mt_n <- moran.test(x, lw, randomisation = FALSE, zero.policy = TRUE, adjust.n = FALSE)
mt_r <- moran.test(x, lw, randomisation = TRUE, zero.policy = TRUE, adjust.n = FALSE)
I_ref <- unname(mt_n$estimate[1])
cat(sprintf("global I: spdep %.15f, nbhd %.15f, |diff| %.2e\n", I_ref, num("I"), abs(I_ref - num("I"))))
cat(sprintf("z normality: spdep %.10f, nbhd %.10f, |diff| %.2e\n", mt_n$statistic, num("z_normal"),
            abs(mt_n$statistic - num("z_normal"))))
cat(sprintf("z randomisation: spdep %.10f, nbhd %.10f, |diff| %.2e\n", mt_r$statistic, num("z_randomisation"),
            abs(mt_r$statistic - num("z_randomisation"))))

lm <- localmoran(x, lw, zero.policy = TRUE)
tested <- card(nb) > 0
d_i <- abs(lm[tested, "Ii"] - ours$local_i[tested])
cat(sprintf("local I_i: %d areas compared, max |diff| %.2e, all within 1e-9: %s\n", sum(tested), max(d_i),
            all(d_i <= 1e-9)))

lg <- localG(x, nb2listw(include.self(nb), style = "W", zero.policy = TRUE), zero.policy = TRUE)
d_g <- abs(as.numeric(lg)[tested] - ours$gi_z[tested])
cat(sprintf("Gi* z: max |diff| %.2e, all within 1e-9: %s\n", max(d_g), all(d_g <= 1e-9)))

# Bivariate: IMD here against the neighbours' CNI 2023 score, standardised with the population sd.
bv_csv <- file.path(out_dir, "bv.csv")
cni_col <- "Community Needs Index 2023 Score"
run("lisa", gpkg, "--indicators", imd_csv, "--indicators", cni_csv, "--column", "IMD_score",
    "--bivariate", cni_col, "-o", bv_csv, "--force")
bv <- read.csv(bv_csv)
bv <- bv[match(codes, bv$code), ]
y <- cni[[cni_col]][match(codes, cni$lsoa21_code)]
zs <- function(v) (v - mean(v)) / sqrt(mean((v - mean(v))^2))
ib <- zs(x) * lag.listw(lw, zs(y), zero.policy = TRUE)
d_b <- abs(ib[tested] - bv$local_i[tested])
cat(sprintf("bivariate I_i: max |diff| %.2e, all within 1e-9: %s\n", max(d_b), all(d_b <= 1e-9)))

# 3. Significance classes at 999 permutations (p <= 0.05, GeoDa's quadrants).
z <- x - mean(x)
lag_z <- lag.listw(lw, z, zero.policy = TRUE)
quad <- ifelse(z > 0, ifelse(lag_z > 0, 1, 4), ifelse(lag_z > 0, 3, 2))
ref_cluster <- ifelse(lp[, "Pr(folded) Sim"] <= 0.05, quad, 0)[tested]
nb_cluster <- ours$cluster[tested]
seed2_csv <- file.path(out_dir, "lisa_seed2.csv")
run("lisa", gpkg, "--indicators", imd_csv, "--column", "IMD_score", "--seed", "2", "-o", seed2_csv, "--force")
s2 <- read.csv(seed2_csv)
s2 <- s2[match(codes, s2$code), ]$cluster[tested]
labels <- c("Not significant", "High-High", "Low-Low", "Low-High", "High-Low")
tab <- function(v) setNames(as.integer(table(factor(v, levels = 0:4))), labels)
cat("cluster counts (spdep | nbhd seed 123456789 | nbhd seed 2):\n")
print(rbind(spdep = tab(ref_cluster), nbhd = tab(nb_cluster), nbhd_seed2 = tab(s2)))
cat(sprintf("class agreement nbhd vs spdep: %.2f%% of %d areas\n", 100 * mean(ref_cluster == nb_cluster),
            length(nb_cluster)))
cat(sprintf("class agreement nbhd vs nbhd with another seed (Monte Carlo noise alone): %.2f%%\n",
            100 * mean(s2 == nb_cluster)))
p_ref <- lp[tested, "Pr(folded) Sim"]
p_ours <- ours$p[tested]
cat(sprintf("pseudo p: mean spdep %.4f, nbhd %.4f; share p <= 0.05: spdep %.4f, nbhd %.4f; Spearman r %.4f\n",
            mean(p_ref), mean(p_ours), mean(p_ref <= 0.05), mean(p_ours <= 0.05),
            cor(p_ref, p_ours, method = "spearman")))
