package catalog

import (
	"strings"
	"testing"

	taizhang "taizhang"
	"taizhang/script"
)

// Metric names, one task's text at a time, in both scripts: want is every target's name,
// joined by " | ". The first cases are the embedded plan's; the rest are constructed.
func TestIndicatorNames(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// The embedded plan (魯政辦字〔2023〕5號).
		{"4 short names", "培育創新創業共同體。加強創新創業共同體指導督導和績效評價,提高共同體建設質量,重點打造30個以上共同體。" +
			"圍繞重點產業和未來產業領域打造新型研發機構群,新備案省級新型研發機構30家左右,總量達到430家左右。",
			"創新創業共同體 | 新備案省級新型研發機構 | 省級新型研發機構總量"},
		{"6 lists of levels", "加強企業技術攻關,實施企業技術創新項目3000項左右,新增國家、省技術創新示范企業3家、80家左右," +
			"新增國家、省級“質量標桿”4項、100項左右。",
			"實施企業技術創新項目 | 新增國家技術創新示范企業 | 新增省技術創新示范企業 | 新增國家“質量標桿” | 新增省級“質量標桿”"},
		{"10 long name", "培育10家以上人才意識強、人才制度完備、人才聚集度高、創新引領作用顯著的人才引領性企業。", "人才引領性企業"},
		{"21 count and money", "加大貸款續貸展期支持,建立健全企業應急轉貸服務體系,力爭為7000余家企業提供轉(續)貸1500億元。",
			"提供轉(續)貸企業數 | 提供轉(續)貸金額"},
		{"22 projects", "加快推進濟南市城市軌道交通第二期建設規劃6個項目,青島市城市軌道交通第二、三期建設規劃11個項目建設。",
			"濟南市城市軌道交通第二期建設規劃項目 | 青島市城市軌道交通第二、三期建設規劃項目建設"},
		{"33 tanks and output", "建成龍口南山LNG接收站一期4座儲罐。原油、天然氣產量分別達到2100萬噸、5億立方米。",
			"龍口南山LNG接收站一期儲罐 | 原油產量 | 天然氣產量"},
		{"35 shared tail", "實施46座小型病險水庫除險加固;開展213座水庫、75座水閘安全鑒定。",
			"小型病險水庫除險加固 | 水庫安全鑒定 | 水閘安全鑒定"},
		{"37 qualifying clauses", "實施國家水土保持重點工程,全省治理水土流失面積215平方公里。實施黃河流域坡耕地水土流失綜合治理工程," +
			"全省治理坡耕地面積1萬畝以上。實施省級水土流失綜合治理工程,全省治理水土流失面積300平方公里,建設省級水土保持生態清潔小流域25條以上。",
			"國家水土保持重點工程治理水土流失面積 | 全省治理坡耕地面積 | 省級水土流失綜合治理工程治理水土流失面積 | 建設省級水土保持生態清潔小流域"},
		{"39 by unit", "開工改造城鎮老舊小區3898個、69.95萬戶。", "開工改造城鎮老舊小區個數 | 開工改造城鎮老舊小區戶數"},
		{"40 shared predicate", "80%以上的設區市、30%以上的縣(市、區)達到四星級以上標準,建設2000個以上智慧社區。",
			"設區市達到四星級以上標準 | 縣(市、區)達到四星級以上標準 | 智慧社區"},
		{"70 shared verb", "整治修復濱海濕地25平方千米、岸線18千米,修復海島5個。", "整治修復濱海濕地 | 整治修復岸線 | 修復海島"},

		// Constructed: lists distributed over their values.
		{"list with fenbie", "全市糧食、蔬菜產量分別達到50萬噸、80萬噸。", "全市糧食產量 | 全市蔬菜產量"},
		{"list without fenbie", "創建國家級、省級特色小鎮2個、10個。", "創建國家級特色小鎮 | 創建省級特色小鎮"},
		{"list of three levels", "新認定國家、省、市級專精特新企業5家、50家、200家。", "新認定國家專精特新企業 | 新認定省專精特新企業 | 新認定市級專精特新企業"},
		{"list of parallel words", "完成橋梁、隧道檢測12座、30座。", "完成橋梁檢測 | 完成隧道檢測"},
		{"list of compound measures", "小麥、玉米種植面積分別穩定在300萬畝、200萬畝。", "小麥種植面積 | 玉米種植面積"},
		{"list sharing nothing", "全年完成營業收入、利潤分別增長8%、10%。", "完成營業收入 | 完成利潤"},
		{"by unit, area and money", "完成農村危房改造1200戶、3.5億元。", "完成農村危房改造戶數 | 完成農村危房改造金額"},
		{"by unit, noun then verb", "為500家企業提供擔保80億元。", "提供擔保企業數 | 提供擔保金額"},
		// Short names completed from their clause.
		{"shared tail, parallel", "完成12座橋梁、30座隧道檢測。", "橋梁檢測 | 隧道檢測"},
		{"shared predicate", "90%以上的鄉鎮、60%以上的行政村實現通5G網絡。", "鄉鎮實現通5G網絡 | 行政村實現通5G網絡"},
		{"shared verb", "修復濕地300畝、岸線5公里。", "修復濕地 | 修復岸線"},
		{"words before the number", "建成市體育中心2座場館。", "市體育中心場館"},
		{"shared verbs in a list", "新建、改擴建中小學12所、幼兒園20所。", "新建、改擴建中小學 | 新建、改擴建幼兒園"},
		{"measure word", "新增規上工業企業200家,總數達到3000家。", "新增規上工業企業 | 規上工業企業總數"},
		{"measure word, another verb", "新認定高新技術企業300家,總數突破2000家。", "新認定高新技術企業 | 高新技術企業總數"},
		{"measure word with 總", "實施城市更新項目20個,總投資100億元。", "實施城市更新項目 | 城市更新項目總投資"},
		{"part of a whole", "新增學位5000個,其中小學2000個、初中3000個。", "新增學位 | 小學學位 | 初中學位"},
		{"fuller name elsewhere", "培育產業集群。重點打造10個以上集群。", "產業集群"},
		{"generic words", "開工建設城市更新片區12個項目。", "城市更新片區項目"},
		{"nothing to complete it", "總量達到430家。", "總量(430家)"},
		{"by unit, count and area", "開工建設城市更新片區項目3個、5萬平方米。", "開工建設城市更新片區項目個數 | 開工建設城市更新片區項目面積"},
		// Duplicates told apart.
		{"qualifying clause", "實施城區綠化工程,新增綠化面積20萬平方米。實施鄉村綠化工程,新增綠化面積50萬平方米。",
			"城區綠化工程新增綠化面積 | 鄉村綠化工程新增綠化面積"},
		{"scope word dropped", "實施城區綠化工程,全市新增綠化面積20萬平方米;實施鄉村綠化工程,全市新增綠化面積50萬平方米。",
			"城區綠化工程新增綠化面積 | 鄉村綠化工程新增綠化面積"},
		{"words before the number tell apart", "建設東部片區10個產業基地,建設西部片區5個產業基地。", "東部片區產業基地 | 西部片區產業基地"},
		{"no qualifier", "培養工程師60名、300名。", "培養工程師(60名) | 培養工程師(300名)"},
		{"no qualifier, repeated", "培養工程師60名、60名。", "培養工程師(60名) | 培養工程師(60名)(2)"},
		// Names that say enough are kept.
		{"unchanged", "全省高新技術企業達到2.8萬家,國家科技型中小企業達到3.6萬家。", "全省高新技術企業 | 國家科技型中小企業"},
		{"unchanged enumeration", "培養60名左右工程博士、300名左右工程碩士。", "工程博士 | 工程碩士"},
	}
	conv := script.Default()
	for _, tt := range tests {
		for _, sc := range []taizhang.Script{taizhang.Traditional, taizhang.Simplified} {
			t.Run(tt.name+"/"+string(sc), func(t *testing.T) {
				in, want := conv.Convert(tt.in, sc), conv.Convert(tt.want, sc)
				if sc == taizhang.Traditional {
					in, want = tt.in, tt.want
				}
				var got []string
				for _, ind := range extractIndicators(conv, 1, in) {
					got = append(got, ind.Metric)
					if !strings.Contains(in, ind.Span) {
						t.Errorf("span %q is not in the text", ind.Span)
					}
				}
				if g := strings.Join(got, " | "); g != want {
					t.Errorf("got  %s\nwant %s", g, want)
				}
			})
		}
	}
}
