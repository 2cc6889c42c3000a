package script

import (
	"testing"
	"unicode/utf8"

	taizhang "taizhang"
)

func TestFold(t *testing.T) {
	c := Default()
	tests := []struct{ in, want string }{
		{"牽頭單位：省科技廳", "牵头单位:省科技厅"},
		{"（牽頭單位:省畜牧獸醫局）", "(牵头单位:省畜牧兽医局)"},
		{"達到２５家以上", "达到25家以上"},
		{"关于", "关于"},
		{"控制在241.1億立方米以內", "控制在241.1亿立方米以内"},
	}
	for _, tt := range tests {
		got := c.Fold(tt.in)
		if got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(tt.in) {
			t.Errorf("Fold(%q) changed the rune count", tt.in)
		}
	}
}

func TestDetectAndConvert(t *testing.T) {
	c := Default()
	if got := c.Detect("牽頭單位:省科技廳"); got != taizhang.Traditional {
		t.Errorf("Detect(traditional) = %s", got)
	}
	if got := c.Detect("牵头单位:省科技厅"); got != taizhang.Simplified {
		t.Errorf("Detect(simplified) = %s", got)
	}
	if got := c.Convert("工作台账", taizhang.Traditional); got != "工作臺賬" {
		t.Errorf("Convert to traditional = %q", got)
	}
	if got := c.Convert("填報說明", taizhang.Simplified); got != "填报说明" {
		t.Errorf("Convert to simplified = %q", got)
	}
}

func TestKey(t *testing.T) {
	c := Default()
	if c.Key("省 畜牧獸醫局") != c.Key("省畜牧兽医局") {
		t.Error("Key should ignore spaces and script")
	}
	if c.Key("著力抓實安全生產") != c.Key("着力抓实安全生产") {
		t.Error("Key should match 著力 with the mainland 着力 it converts to")
	}
}

func TestNotIn(t *testing.T) {
	c := Default()
	if got := string(c.NotIn("工作臺賬 台账 报送 報送 ok", taizhang.Simplified)); got != "臺賬報" {
		t.Errorf("Traditional-only = %q", got)
	}
	if got := string(c.NotIn("工作臺賬 台账", taizhang.Traditional)); got != "台账" {
		t.Errorf("Simplified-only = %q", got)
	}
}

func TestWidth(t *testing.T) {
	for in, want := range map[rune]rune{'Ａ': 'A', '２': '2', '　': ' ', '￥': '¥', '（': '(', '、': '、', '。': '。', '省': '省', 'a': 'a'} {
		if got := Width(in); got != want {
			t.Errorf("Width(%q) = %q, want %q", in, got, want)
		}
	}
}

// Words of work plans that OpenCC's t2s leaves with 著 are written as mainland offices write them;
// 著作 and 顯著 keep theirs, and back in Traditional every one is 著 again.
func TestMainlandWords(t *testing.T) {
	c := Default()
	for trad, simp := range map[string]string{"著力打造": "着力打造", "著眼長遠": "着眼长远", "著重解決": "着重解决", "著作權": "著作权", "成效顯著": "成效显著"} {
		if got := c.Convert(trad, taizhang.Simplified); got != simp {
			t.Errorf("Convert(%s) = %s, want %s", trad, got, simp)
		}
		if got := c.Convert(simp, taizhang.Traditional); got != trad {
			t.Errorf("Convert(%s, Traditional) = %s, want %s", simp, got, trad)
		}
	}
}

// A variant character t2s leaves alone is written as mainland offices write it (鹽堿地 is 盐碱地),
// keeping the rune count, and folds the same way; back in Traditional it is the standard form.
func TestMainlandVariants(t *testing.T) {
	c := Default()
	for trad, simp := range map[string]string{"鹽堿地": "盐碱地", "鹽堿灘塗": "盐碱滩涂", "鹽鹼地": "盐碱地"} {
		if got := c.Convert(trad, taizhang.Simplified); got != simp {
			t.Errorf("Convert(%s) = %s, want %s", trad, got, simp)
		}
		if got := c.Fold(trad); got != simp {
			t.Errorf("Fold(%s) = %s, want %s", trad, got, simp)
		}
	}
	if got := c.Convert("盐碱地", taizhang.Traditional); got != "鹽鹼地" {
		t.Errorf("Convert(盐碱地, Traditional) = %s, want 鹽鹼地", got)
	}
	if c.Key("鹽堿地") != c.Key("盐碱地") {
		t.Errorf("Key(鹽堿地) = %s, Key(盐碱地) = %s: a name typed either way should match", c.Key("鹽堿地"), c.Key("盐碱地"))
	}
}

// 着 folds to 著 for matching, but a Simplified text full of 着力 is still Simplified.
func TestDetectIgnoresFoldAliases(t *testing.T) {
	if got := Default().Detect("着力着眼发展"); got != taizhang.Simplified {
		t.Errorf("Detect = %s, want simplified", got)
	}
}
