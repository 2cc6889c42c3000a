package catalog

import (
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/script"
)

// The span grammar, one sentence at a time: want is "comparator value[-high] unit [approx] [deadline] [baseline]"
// for each target, joined by " | ".
func TestExtractIndicators(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"at least", "力爭2023年全國重點實驗室達到25家以上。", ">= 25 家"},
		{"about", "高標準建設10家左右山東省實驗室。", "~ 10 家 approx"},
		{"range", "創建1-2家國家臨床醫學研究中心。", "range 1-2 家"},
		{"cap", "全省年度用水總量控制在241.1億立方米以內。", "<= 241.1 億立方米"},
		{"decrease with baseline", "全省單位工業增加值能耗較2020年下降10%左右。", "decrease 10 % approx 較2020年"},
		{"increase", "全省跨境電商進出口增長10%以上。", "increase 10 %"},
		{"plain", "全省水土保持率達到85.65%。", "= 85.65 %"},
		{"wan unit", "吸引青年人才70萬人以上。", ">= 70 萬人"},
		{"deadline year end", "年底全省可再生能源裝機規模達到7500萬千瓦以上。", ">= 7500 萬千瓦 年底"},
		{"deadline before", "年底前完成已排查的1398處農村黑臭水體治理。", "= 1398 處 年底前"},
		{"increment and total", "新備案省級新型研發機構30家左右,總量達到430家左右。", "~ 30 家 approx | ~ 430 家 approx"},
		{"enumeration", "新增國家、省技術創新示范企業3家、80家左右。", "= 3 家 | ~ 80 家 approx"},
		{"not less than", "各市每年開展不少于1000場全民閱讀活動。", ">= 1000 場"},
		{"more than", "邊緣中心超過100個。", ">= 100 個"},
		{"yu", "力爭為7000余家企業提供轉(續)貸1500億元。", ">= 7000 家 | = 1500 億元"},
		{"at least before verb", "設區市至少建成運行1座建筑垃圾資源化利用設施。", ">= 1 座"},
		{"all cities", "16市全部建成用數據城市運行管理服務平臺。", "= 16 市"},
		{"chinese numeral", "各市均建成一所達到三級傳染病醫院建設標準的醫療機構。", "= 1 所"},
		{"simplified", "力争全省高新技术企业达到2.8万家。", "= 2.8 万家"},
		{"full width digits", "全省治理水土流失面積２１５平方公里。", "= 215 平方公里"},
		{"approx yue", "完成生態地質調查面積約5000平方公里。", "~ 5000 平方公里 approx"},
		{"milestone", "6月底前印發實施。", "qualitative 6月底前"},
		{"comparison", "全省機電及高新技術產品出口增幅高于全省平均水平。", "qualitative"},
		// Ranks: a cap on the place, after the counts of the sentence.
		{"rank top ten", "推動“兩名城”均列國內城市前十。", "<= 10 名"},
		{"rank first", "全省海洋生產總值保持全國第一。", "<= 1 名"},
		{"rank top n", "力爭進入全國前5名。", "<= 5 名"},
		{"rank after count", "培育10家企業,力争进入全国前三强。", "= 10 家 | <= 3 名"},
		{"rank simplified", "推动济南进入全国城市前十。", "<= 10 名"},
		{"not a rank: quarters", "前三季度保持增長。", ""},
		{"not a rank: count", "實現使用頻率最高的前100項電子證照。", "= 100 項"},
		{"not a rank: first industry", "保持第一產業穩定。", ""},
		// Names and specifications, not targets.
		{"year", "制定三年行動計劃(2023-2025年)。", ""},
		{"doc no", "落實國發〔2022〕18號文件。", ""},
		{"5G", "加快5G規模化應用。", ""},
		{"2+N", "加快構建“2+N”人才集聚雁陣格局。", ""},
		{"ordinal", "舉辦第四屆中國國際文化旅游博覽會。", ""},
		{"rate", "完成383臺35蒸噸/小時及以下燃煤鍋爐淘汰。", "= 383 臺"},
		{"grade", "建成煙臺港西港區30萬噸級原油碼頭二期工程。", ""},
		{"latin unit", "加快推動海陽核電900MW遠距離跨區域供熱工程建設。", ""},
		{"size before count", "實施投資500萬元以上技術改造項目1萬個左右。", "~ 1 萬個 approx"},
		{"category", "年內關停退出30萬千瓦以下低效煤電機組200萬千瓦。", "= 200 萬千瓦 年內"},
		{"cities without target", "與16市簽訂耕地保護目標責任狀。", ""},
		// Units and forms of other governments' plans (issue 22), each as printed.
		{"bare wan", "新增城鎮就業24萬以上。", ">= 24 萬"},
		{"bare yi", "完成固定資產投資100億。", "= 100 億"},
		{"dollars", "實際使用外資達到50億美元。", "= 50 億美元"},
		{"zhi", "組建專業救援隊伍30支。", "= 30 支"},
		{"days", "空氣質量優良天數達到300天以上。", ">= 300 天"},
		{"working days", "企業開辦時間壓縮至1個工作日以內。", "<= 1 個工作日"},
		{"minutes", "城區救援到達時間縮短至15分鐘。", "<= 15 分鐘"},
		{"hours", "政務服務事項辦理時間不超過24小時。", "<= 24 小時"},
		{"age after chaoguo", "人均預期壽命超過80歲。", ">= 80 歲"},
		{"years as a duration", "勞動年齡人口平均受教育年限達到11.5年。", "= 11.5 年"},
		{"da", "構建8大體系。", "= 8 大"},
		{"range hyphen", "研發投入增長5%-10%。", "range 5-10 %"},
		{"range full-width hyphen", "研發投入增長5%－10%。", "range 5-10 %"},
		{"range tilde", "研發投入增長5%~10%。", "range 5-10 %"},
		{"range zhi", "研發投入增長5%至10%。", "range 5-10 %"},
		{"range em dash", "建成30—50個示范點。", "range 30-50 個"},
		{"fenbie", "城鄉居民收入分別增長6%、6.5%。", "increase 6 % | increase 6.5 %"},
		{"fenbie decrease", "單位GDP能耗、碳排放分別下降3%、4%。", "decrease 3 % | decrease 4 %"},
		{"not less than cap", "審批時間不超過10天。", "<= 10 天"},
		// Slogans, norms and names with those units: no targets.
		{"slogan", "堅持發現1戶、解決1戶。", ""},
		{"norm", "按照每3至10萬居民設置1個社區衛生服務中心。", ""},
		{"norm with a target", "每10萬人口擁有社會工作者達到30個。", "= 30 個"},
		{"minutes as a name", "打造15分鐘便民生活圈。", ""},
		{"years as a name", "制定3年行動計劃。", ""},
		{"age as a kind", "為60歲以上老年人提供服務。", ""},
		{"year", "2024年完成。", ""},
	}
	conv := script.Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, ind := range extractIndicators(conv, 1, tt.in) {
				if !strings.Contains(tt.in, ind.Span) {
					t.Errorf("span %q is not in the text", ind.Span)
				}
				got = append(got, describeForTest(ind))
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("got  %q\nwant %q", g, tt.want)
			}
		})
	}
}

func describeForTest(ind taizhang.Indicator) string {
	parts := []string{string(ind.Comparator)}
	if ind.Value != nil {
		v := formatIndicator(taizhang.Indicator{Value: ind.Value, High: ind.High})
		fields := strings.Split(v, "\t")
		if ind.High != nil {
			parts = append(parts, fields[1]+"-"+fields[2])
		} else {
			parts = append(parts, fields[1])
		}
		parts = append(parts, ind.Unit)
	}
	if ind.Approx {
		parts = append(parts, "approx")
	}
	if ind.Deadline != nil {
		parts = append(parts, *ind.Deadline)
	}
	if ind.Baseline != nil {
		parts = append(parts, *ind.Baseline)
	}
	return strings.Join(parts, " ")
}
