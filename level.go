package taizhang

// Level is the level of government that issued a plan. A plan names its own departments with
// the level's prefix (省科技廳, 市發改委, 區發改局, 縣財政局), so the level says which agencies
// are "ours" (省直, 市直, 區直, 縣直) and which belong to another level or to a central line.
type Level string

const (
	LevelProvince Level = "province" // 省
	LevelCity     Level = "city"     // 市 (prefecture or county-level city)
	LevelDistrict Level = "district" // 區
	LevelCounty   Level = "county"   // 縣
)

// Levels lists the levels from the highest down.
var Levels = []Level{LevelProvince, LevelCity, LevelDistrict, LevelCounty}

// Valid reports whether l is a known level or empty (not shown by the plan).
func (l Level) Valid() bool {
	if l == "" {
		return true
	}
	for _, k := range Levels {
		if l == k {
			return true
		}
	}
	return false
}

// Prefix is the one character a plan of this level puts before its own departments' names,
// in Traditional script like every label here: 省, 市, 區, 縣; empty for an unknown level.
func (l Level) Prefix() string {
	return map[Level]string{LevelProvince: "省", LevelCity: "市", LevelDistrict: "區", LevelCounty: "縣"}[l]
}

// KindLabel names a kind of agency as a coordinator at this level says it (Traditional script):
// the level's own departments (省直單位, 市直單位, 區直單位, 縣直單位, or 本級單位 when the level
// is unknown), central and vertically managed units, and groups of agencies.
func (l Level) KindLabel(k AgencyKind) string {
	switch k {
	case KindGroup:
		return "單位集合"
	case KindExternal:
		return "中央及垂直管理單位"
	}
	if p := l.Prefix(); p != "" {
		return p + "直單位"
	}
	return "本級單位"
}
