const echarts = require('echarts');
const c = echarts.init(null, null, {renderer:'svg', ssr:true, width:400, height:300});
c.setOption({animation:false, xAxis:{type:'category',data:['a','b']}, yAxis:{type:'value'}, series:[{type:'bar',data:[1,2]}]});
const s = c.renderToSVGString(); c.dispose(); console.log(s.length, s.slice(0,300));
