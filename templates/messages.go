package templates

// A target as plans say it (TargetText), in Traditional script like every label: %s is the
// number with its unit; for a change, the baseline ("較2020年") comes first.
const (
	targetAtLeast  = "%s以上"
	targetAtMost   = "控制在%s以內"
	targetAbout    = "%s左右"
	targetIncrease = "%s增長%s"
	targetDecrease = "%s下降%s"
	targetRank     = "前%s名" // a place in a ranking, at most this one
)
