// Times SheetJS reading the returns bench -reader lists, the same sheets, one file after another,
// files in memory; prints CPU ns per file, user and system as Go's side counts them (best of 3
// rounds after one to warm up).
//   node bench/sheetjs.js <dir of the xlsx package> <list: path TAB sheet TAB sheet, a line each>
const XLSX = require(process.argv[2]);
const fs = require('fs');
const files = fs.readFileSync(process.argv[3], 'utf8').trim().split('\n').map((line) => {
  const [path, ...sheets] = line.split('\t');
  return { data: fs.readFileSync(path), sheets };
});
function round() {
  const start = process.cpuUsage();
  for (const f of files) {
    const wb = XLSX.read(f.data, { type: 'buffer', sheets: f.sheets, dense: true });
    for (const s of f.sheets) XLSX.utils.sheet_to_json(wb.Sheets[s], { header: 1, raw: true });
  }
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / files.length;
}
round();
let best = Infinity;
for (let i = 0; i < 3; i++) best = Math.min(best, round());
console.log(best);
