<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BundleActions</name>
    <message>
        <location filename="../../ui/bundle_actions.py" line="40" />
        <source>导出上传包…</source>
        <translation>Export upload pack…</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="43" />
        <source>为淘宝/天猫、12315、黑猫投诉或打印准备一个文件夹：限额内的图片、PDF 和投诉内容 (Ctrl+Shift+E)</source>
        <translation>Prepare a folder for Taobao/Tmall, 12315, Heimao or printing: images within the limits, the PDF and the complaint text (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="46" />
        <source>12315 表单填写单…</source>
        <translation>12315 form sheet…</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="48" />
        <source>按 12315 网上表单的顺序逐项复制：被投诉方、商品名称、订单号、诉求、事情经过（带字数）</source>
        <translation>Copy the 12315 online form field by field, in its order: respondent, goods, order number, request, facts (counted)</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="64" />
        <source>请等待当前任务完成</source>
        <translation>Please wait for the current task to finish</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="76" />
        <source>有证据尚未识别</source>
        <translation>Some exhibits have not been read</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="77" />
        <source>证据{0} 尚未识别文字，其中的手机号、地址等个人信息没有被查找和遮盖。

仍要导出吗？（可在详情中手动框选遮盖）</source>
        <translation>Exhibit(s) {0} have not been read, so phone numbers, addresses and other personal data on them were not looked for or blacked out.

Export anyway? (You can black out areas by hand in the details.)</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="95" />
        <source>证据{0}（{1}）：{2}</source>
        <translation>Exhibit {0} ({1}): {2}</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="98" />
        <source>个人信息可能没有全部找到</source>
        <translation>Personal data may have been missed</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="99" />
        <source>这些证据中的手机号、姓名、地址等可能没有被全部找到和遮盖。建议先查看，并在图上手动框选遮盖。</source>
        <translation>Phone numbers, names or addresses in these exhibits may not all have been found and blacked out. Look at them first and black them out by hand on the picture.</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="103" />
        <source>去手动遮盖</source>
        <translation>Black out by hand</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="104" />
        <source>仍然导出</source>
        <translation>Export anyway</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="105" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="124" />
        <source>选择保存位置</source>
        <translation>Choose where to save</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="147" />
        <source>上传包已保存：
{0}</source>
        <translation>Upload pack saved:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="151" />
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="152" />
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="153" />
        <source>PDF 证据材料已保存：
{0}</source>
        <translation>The PDF evidence bundle was saved:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/bundle_actions.py" line="157" />
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
</context>
<context>
    <name>BundlePrinter</name>
    <message>
        <location filename="../../ui/printing.py" line="66" />
        <source>没有打印机</source>
        <translation>No printer</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="67" />
        <source>这台电脑没有设置打印机。证据材料 PDF 已保存在：
{0}

可以把它拷到 U 盘，在打印店或 12315 窗口打印；也可以先看看打印预览。</source>
        <translation>This computer has no printer set up. The evidence PDF is saved at:
{0}

Copy it to a USB stick and print it at a copy shop or the 12315 office, or look at the print preview first.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="71" />
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="72" />
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="85" />
        <source>打印预览 — {0}</source>
        <translation>Print preview — {0}</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <location filename="../../ui/case_form.py" line="49" />
        <source>已确认收货</source>
        <translation>Goods received</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="60" />
        <source>订单完成（确认收货）的日期：淘宝一般在此后约30天内受理投诉</source>
        <translation>Date the order completed (goods confirmed received): Taobao usually accepts complaints for about 30 days after it</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="63" />
        <source>晚于订单完成才发现</source>
        <translation>Found after the order completed</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="69" />
        <source>知道或应当知道权益受损的日期：向 12315 投诉须在此后三年内</source>
        <translation>When you knew, or should have known, of the harm: 12315 accepts a complaint for three years from it</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="71" />
        <source>例如：退货退款，赔偿运费</source>
        <translation>e.g. return and refund, compensation for shipping</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="73" />
        <source>一两句话说明发生了什么，会写进投诉书</source>
        <translation>What happened, in a sentence or two (goes into the letter)</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="83" />
        <source>案件名称</source>
        <translation>Case name</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="84" />
        <source>购物平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="85" />
        <source>店铺/卖家</source>
        <translation>Shop / seller</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="86" />
        <source>订单编号</source>
        <translation>Order number</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="87" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="88" />
        <source>投诉类型</source>
        <translation>Complaint type</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="89" />
        <source>订单完成日期</source>
        <translation>Order completed</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="91" />
        <source>发现问题日期</source>
        <translation>Harm noticed on</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="92" />
        <source>事情经过</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="93" />
        <source>诉求</source>
        <translation>Requested outcome</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="94" />
        <source>当事人信息…</source>
        <translation>Parties…</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="95" />
        <source>投诉人和被投诉企业的信息：12315、现场投诉需要</source>
        <translation>Your details and the business's: 12315 and office visits need them</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="143" />
        <source>按证据{0}中读到的成交时间 {1} 计算投诉期限</source>
        <translation>Deadline counted from the completion time {1} read in exhibit {0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.py" line="146" />
        <source>⚠ 与证据{0}中读到的成交时间 {1} 不同；投诉期限按你填写的日期计算</source>
        <translation>⚠ Differs from the completion time {1} read in exhibit {0}; the deadline uses the date you entered</translation>
    </message>
</context>
<context>
    <name>CaseList</name>
    <message>
        <location filename="../../ui/case_list.py" line="35" />
        <source>你的投诉案件</source>
        <translation>Your complaint cases</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="37" />
        <source>还没有案件。点“新建”，或直接把截图拖进窗口，会自动新建一个案件。</source>
        <translation>No cases yet. Click "New", or just drop screenshots on the window: a case is created for them.</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="41" />
        <source>回收站</source>
        <translation>Trash</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="43" />
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="44" />
        <source>重命名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="45" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="46" />
        <source>移到回收站，可恢复</source>
        <translation>Move to the trash; it can be restored</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="47" />
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="48" />
        <location filename="../../ui/case_list.py" line="148" />
        <source>清空回收站</source>
        <translation>Empty trash</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="55" />
        <source>案件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="113" />
        <source>新建案件</source>
        <translation>New case</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="114" />
        <source>案件名称（例如：耳机左耳无声）</source>
        <translation>Case name (e.g. left earbud silent)</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="122" />
        <source>重命名案件</source>
        <translation>Rename case</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="122" />
        <source>案件名称</source>
        <translation>Case name</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="133" />
        <source>删除案件</source>
        <translation>Delete case</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="134" />
        <source>把案件“{0}”移到回收站？
证据文件会保留，可以从回收站恢复。</source>
        <translation>Move the case "{0}" to the trash?
Its evidence is kept and the case can be restored.</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="149" />
        <source>永久删除回收站中的所有案件及其证据？此操作无法撤销。</source>
        <translation>Delete every case in the trash and its evidence for good? This cannot be undone.</translation>
    </message>
</context>
<context>
    <name>ChannelGuide</name>
    <message>
        <location filename="../../ui/assistant_panels.py" line="418" />
        <source>投诉渠道指南</source>
        <translation>Where to complain</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="418" />
        <source>适用：</source>
        <translation>When: </translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="418" />
        <source>准备：</source>
        <translation>Prepare: </translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="419" />
        <source>投诉要点</source>
        <translation>Tips</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../ui/checklist_panel.py" line="43" />
        <source>聊天记录显示卖家长时间未回复：</source>
        <translation>The chats show the seller not replying for a long time:</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_panel.py" line="49" />
        <source>选择或新建一个案件。

这里会按投诉类型列出需要的证据（订单截图、聊天记录、付款凭证……），标出还缺什么，并算出平台投诉期限。</source>
        <translation>Choose or create a case.

Here you will see the evidence its complaint type needs (order screenshots, chats, payment proofs…), what is still missing, and the deadline for complaining on the platform.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_panel.py" line="56" />
        <source>{0}：还缺 {1} 项证据</source>
        <translation>{0}: {1} evidence item(s) still missing</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_panel.py" line="57" />
        <source>{0}：所需证据已齐全</source>
        <translation>{0}: all required evidence is present</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_panel.py" line="60" />
        <source>{0}（{1}/{2}）</source>
        <translation>{0} ({1}/{2})</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_panel.py" line="72" />
        <source>在「当事人信息…」中填写</source>
        <translation>Fill them in under Parties…</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_panel.py" line="79" />
        <source>填写订单完成日期（或导入含成交时间的订单截图），即可计算平台投诉期限</source>
        <translation>Enter the order completion date (or import an order screenshot showing it) to see the platform's complaint deadline</translation>
    </message>
    <message>
        <location filename="../../ui/checklist_panel.py" line="82" />
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../ui/detail_panel.py" line="166" />
        <source>证据类型；手动选择后不会被自动识别覆盖</source>
        <translation>Kind of evidence; once you choose it, automatic recognition will not change it</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="168" />
        <source>说明这张图证明了什么，例如：卖家承诺48小时发货</source>
        <translation>What this image proves, e.g. the seller promised to ship within 48 hours</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="170" />
        <source>证据目录（起诉、消协）中这份证据的证明目的；留空则使用灰色显示的草稿</source>
        <translation>What this exhibit proves, for the evidence catalogue (lawsuit, consumer association); leave it empty to use the greyed draft</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="173" />
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="173" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="174" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="176" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="177" />
        <source>说明</source>
        <translation>Caption</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="178" />
        <source>证明目的</source>
        <translation>To prove</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="181" />
        <source>识别结果可以修改，多个值用逗号分隔；你的修改会被保留</source>
        <translation>You can correct what was recognised; separate several values with commas. Your corrections are kept</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="187" />
        <source>勾选的区域在导出的 PDF 中涂黑；原件不会改动</source>
        <translation>Checked areas are blacked out in the exported PDF; the original is not changed</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="189" />
        <source>框选遮盖</source>
        <translation>Draw box</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="191" />
        <source>在图上拖出一个方框，导出时涂黑该区域</source>
        <translation>Drag a box on the image to black out that area in exports</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="193" />
        <source>删除所选遮盖</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="197" />
        <source>隐私遮盖</source>
        <translation>Redaction</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="204" />
        <source>确认识别结果</source>
        <translation>Confirm readings</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="205" />
        <source>核对图中的订单号、时间和金额无误后确认；确认的值才会作为案件的订单号印在封面上</source>
        <translation>Confirm after checking the order numbers, times and amounts against the picture; only confirmed values go on the cover as the case's order numbers</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="212" />
        <source>文字识别结果</source>
        <translation>Recognised text</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="213" />
        <source>识别出的全部文字，可选中复制</source>
        <translation>All recognised text; select it to copy</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="228" />
        <source>识别文字</source>
        <translation>Recognised text</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="286" />
        <source>订单号 {0} 可能识别有误，应为 {1}</source>
        <translation>Order number {0} is probably misread: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="290" />
        <source>其他订单：{0} 不是本案件的订单号，可保留、移到其他案件或移除</source>
        <translation>Another order: {0} is not an order of this case; keep it, move it to another case or remove it</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="294" />
        <source>识别结果尚未核对</source>
        <translation>Readings not yet confirmed</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="318" />
        <source>无法识别“{0}”，请检查格式</source>
        <translation>Cannot understand "{0}"; please check the format</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="363" />
        <source>银行卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="363" />
        <source>手机号</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="364" />
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="364" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="365" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="365" />
        <source>手动框选</source>
        <translation>Drawn by hand</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ui/errors.py" line="28" />
        <source>详细记录见日志文件：{0}</source>
        <translation>Details are in the log file: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="31" />
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="49" />
        <source>出现了意外错误：{0}</source>
        <translation>Something went wrong: {0}</translation>
    </message>
</context>
<context>
    <name>EvidenceArea</name>
    <message>
        <location filename="../../ui/evidence_area.py" line="31" />
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_area.py" line="34" />
        <source>只显示某一类证据</source>
        <translation>Show one kind of evidence only</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_area.py" line="38" />
        <source>按证据编号</source>
        <translation>By exhibit number</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_area.py" line="39" />
        <source>按时间</source>
        <translation>By time</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_area.py" line="40" />
        <source>排列方式；拖动缩略图可调整证据编号顺序</source>
        <translation>Sort order; drag thumbnails to change the exhibit order</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_area.py" line="44" />
        <source>把截图拖到这里

订单详情、聊天记录、付款凭证、物流记录、商品照片……
也可以按 Ctrl+V 粘贴刚截的图，或点“添加截图”</source>
        <translation>Drag screenshots here

Order details, chats, payment records, tracking, photos of the goods…
Or press Ctrl+V to paste a screenshot, or click Add screenshots</translation>
    </message>
</context>
<context>
    <name>EvidenceMenu</name>
    <message>
        <location filename="../../ui/evidence_menu.py" line="23" />
        <source>查看详情</source>
        <translation>Show details</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_menu.py" line="24" />
        <source>打开原图</source>
        <translation>Open the original</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_menu.py" line="25" />
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_menu.py" line="27" />
        <source>设为</source>
        <translation>Mark as</translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message>
        <location filename="../../ui/evidence_model.py" line="80" />
        <source>证据{0}</source>
        <translation>Exhibit {0}</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_model.py" line="98" />
        <source>订单号 {0} 可能识别有误，应为 {1}</source>
        <translation>Order number {0} is probably misread: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_model.py" line="101" />
        <source>其他订单：{0} 不是本案件的订单号</source>
        <translation>Another order: {0} is not an order of this case</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_model.py" line="103" />
        <source>正在识别文字……</source>
        <translation>Reading the text…</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_model.py" line="105" />
        <source>未识别到订单号、时间或金额，请检查或手动填写</source>
        <translation>No order number, time or amount was found; check the image or fill them in</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_model.py" line="175" />
        <source>识别中…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_model.py" line="191" />
        <source>其他订单</source>
        <translation>Other order</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_model.py" line="196" />
        <source>未识别到订单信息</source>
        <translation>No order details</translation>
    </message>
</context>
<context>
    <name>FormSheetDialog</name>
    <message>
        <location filename="../../ui/form_sheet_dialog.py" line="33" />
        <source>12315 投诉表单填写单</source>
        <translation>12315 form sheet</translation>
    </message>
    <message>
        <location filename="../../ui/form_sheet_dialog.py" line="39" />
        <source>按 12315 网上表单的顺序逐项复制粘贴；表单不能粘贴时，照着大字抄写。“事情经过”可在这里删减到字数限制以内再复制（投诉书本身不变）。</source>
        <translation>Copy and paste each field into the 12315 online form in its order; where the form blocks pasting, retype from the large type. Shorten the facts here to the limit before copying (the complaint letter itself stays as it is).</translation>
    </message>
    <message>
        <location filename="../../ui/form_sheet_dialog.py" line="49" />
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/form_sheet_dialog.py" line="50" />
        <source>复制“{0}”，到 12315 表单中粘贴</source>
        <translation>Copy “{0}” to paste into the 12315 form</translation>
    </message>
    <message>
        <location filename="../../ui/form_sheet_dialog.py" line="66" />
        <source>未填写：在案件信息的“当事人信息…”中填写</source>
        <translation>Not filled in: enter it under Parties… in the case details</translation>
    </message>
    <message>
        <location filename="../../ui/form_sheet_dialog.py" line="98" />
        <source>未填写</source>
        <translation>not filled in</translation>
    </message>
    <message>
        <location filename="../../ui/form_sheet_dialog.py" line="104" />
        <source>已复制“{0}”，可到 12315 表单中粘贴</source>
        <translation>Copied “{0}”: paste it into the 12315 form</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../ui/import_flow.py" line="44" />
        <source>选择截图、照片、视频、PDF 或录音</source>
        <translation>Choose screenshots, photos, videos, PDFs or recordings</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="62" />
        <source>选择文件夹</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="76" />
        <source>剪贴板里没有图片</source>
        <translation>There is no image on the clipboard</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="87" />
        <source>请等待当前任务完成</source>
        <translation>Please wait for the current task to finish</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="92" />
        <source>正在检查重复的截图……</source>
        <translation>Checking for screenshots the case already has…</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="102" />
        <source>已取消导入</source>
        <translation>Import cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="107" />
        <source>没有导入：这些截图案件中已有</source>
        <translation>Nothing imported: the case already has these screenshots</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="113" />
        <source>{0}  ≈  证据{1}</source>
        <translation>{0}  ≈  exhibit {1}</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="114" />
        <source>{0}  ≈  {1}（同一批）</source>
        <translation>{0}  ≈  {1} (same batch)</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="115" />
        <source>可能重复的截图</source>
        <translation>Possible duplicate screenshots</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="116" />
        <source>{0} 张图片与已有的证据看起来是同一张截图（例如先粘贴、后又添加了文件，或压缩过的副本）。</source>
        <translation>{0} image(s) show the same picture as evidence already in the case (pasted, then added as a file, or a compressed copy).</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="120" />
        <source>跳过这些</source>
        <translation>Skip these</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="121" />
        <source>仍然导入</source>
        <translation>Import anyway</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="122" />
        <source>取消导入</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="137" />
        <source>完成：{0}</source>
        <translation>Done: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_flow.py" line="142" />
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <location filename="../../ui/job_runner.py" line="46" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/job_runner.py" line="68" />
        <source>请等待当前任务完成</source>
        <translation>Please wait for the current task to finish</translation>
    </message>
    <message>
        <location filename="../../ui/job_runner.py" line="86" />
        <source>正在取消……</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ui/job_runner.py" line="89" />
        <source>正在导入</source>
        <translation>Importing</translation>
    </message>
    <message>
        <location filename="../../ui/job_runner.py" line="89" />
        <source>正在识别文字</source>
        <translation>Recognising text</translation>
    </message>
    <message>
        <location filename="../../ui/job_runner.py" line="90" />
        <source>正在生成PDF</source>
        <translation>Creating the PDF</translation>
    </message>
    <message>
        <location filename="../../ui/job_runner.py" line="90" />
        <source>正在核验原件</source>
        <translation>Checking originals</translation>
    </message>
    <message>
        <location filename="../../ui/job_runner.py" line="91" />
        <source>正在截取视频画面</source>
        <translation>Taking frames from the video</translation>
    </message>
    <message>
        <location filename="../../ui/job_runner.py" line="95" />
        <source>第 {0}/{1} 步：{2}</source>
        <translation>Step {0} of {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/job_runner.py" line="96" />
        <source>{0} {1}/{2}</source>
        <translation>{0} {1}/{2}</translation>
    </message>
    <message>
        <location filename="../../ui/job_runner.py" line="98" />
        <source>（正在启动识别引擎…）</source>
        <translation> (starting the text recognition engines…)</translation>
    </message>
</context>
<context>
    <name>LetterPanel</name>
    <message>
        <location filename="../../ui/assistant_panels.py" line="60" />
        <source>选择一个案件后，这里会生成投诉书草稿</source>
        <translation>Choose a case and a draft complaint letter appears here</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="63" />
        <source>复制全文</source>
        <translation>Copy all</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="64" />
        <source>复制后粘贴到平台或 12315 的在线投诉表单</source>
        <translation>Copy, then paste into the platform's or 12315's online complaint form</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="66" />
        <location filename="../../ui/assistant_panels.py" line="134" />
        <source>重新生成草稿</source>
        <translation>New draft</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="67" />
        <source>按案件信息和证据重新生成（会替换你的修改）</source>
        <translation>Draft again from the case and its evidence (replaces your edits)</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="73" />
        <source>语气平和、只陈述事实；提交前补上姓名和电话。修改会自动保存，并用于导出的 PDF。</source>
        <translation>Keep it calm and factual; add your name and phone before sending. Edits are saved automatically and used in the exported PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="135" />
        <source>重新生成会替换你对投诉书的修改，确定吗？</source>
        <translation>A new draft replaces your edits to the letter. Continue?</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="145" />
        <source>　已复制</source>
        <translation> Copied</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="149" />
        <source>共 {0} 字</source>
        <translation>{0} characters</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="150" />
        <source>共 {0} 字，超过在线表单常见的 {1} 字上限，请精简</source>
        <translation>{0} characters: more than the usual {1}-character limit of online forms; please shorten it</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="64" />
        <source>证据包 ProofPack</source>
        <translation>ProofPack</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131" />
        <source>新建案件</source>
        <translation>New case</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133" />
        <source>为一次投诉新建案件 (Ctrl+N)</source>
        <translation>Create a case for one complaint (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135" />
        <source>添加截图</source>
        <translation>Add screenshots</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137" />
        <source>添加文件夹</source>
        <translation>Add folder</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139" />
        <source>把整个文件夹中的图片加入当前案件</source>
        <translation>Add every image in a folder to this case</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140" />
        <source>粘贴截图</source>
        <translation>Paste screenshot</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142" />
        <source>粘贴刚截取的屏幕截图 (Ctrl+V)</source>
        <translation>Paste the screenshot you just took (Ctrl+V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="143" />
        <source>导出PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144" />
        <source>导出带目录和页码的PDF证据材料 (Ctrl+E)</source>
        <translation>Export the PDF evidence bundle with index and page numbers (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="145" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147" />
        <source>打印证据材料 (Ctrl+P)</source>
        <translation>Print the evidence bundle (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148" />
        <location filename="../../ui/main_window.py" line="389" />
        <source>移除证据</source>
        <translation>Remove evidence</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150" />
        <source>从案件中移除选中的证据</source>
        <translation>Remove the selected evidence from the case</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151" />
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="158" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164" />
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166" />
        <source>检查证据完整性</source>
        <translation>Check evidence integrity</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167" />
        <source>重新计算每份原件的 SHA-256，确认没有丢失或被改动</source>
        <translation>Re-hash every original (SHA-256) to confirm nothing is missing or altered</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168" />
        <source>备份案件…</source>
        <translation>Back up case…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169" />
        <source>把当前案件的原件和全部信息保存为一个 zip 文件</source>
        <translation>Save the current case's originals and all its data in one zip file</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170" />
        <source>从备份恢复案件…</source>
        <translation>Restore case from backup…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171" />
        <source>从 zip 备份文件恢复案件</source>
        <translation>Restore a case from a zip backup</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173" />
        <source>核对识别结果</source>
        <translation>Review readings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174" />
        <source>逐项核对识别不确定的订单号、时间和金额 (Ctrl+R)</source>
        <translation>Check, one by one, the order numbers, times and amounts OCR was unsure of (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="382" />
        <source>在图上拖出方框遮盖个人信息，然后再导出</source>
        <translation>Drag boxes over the personal data on the picture, then export again</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="417" />
        <source>新案件 {0}</source>
        <translation>New case {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="418" />
        <source>已新建案件“{0}”，可在上方改名</source>
        <translation>Created the case "{0}"; rename it above</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="438" />
        <source>订单 {0}</source>
        <translation>Order {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182" />
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136" />
        <source>选择截图、照片、视频、PDF 或录音加入当前案件 (Ctrl+O)</source>
        <translation>Add screenshots, photos, videos, PDFs or recordings to this case (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221" />
        <source>证据清单</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222" />
        <source>证据详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223" />
        <source>投诉书</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="224" />
        <source>投诉进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225" />
        <source>投诉渠道</source>
        <translation>Channels</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="284" />
        <source>文字识别不可用</source>
        <translation>Text recognition unavailable</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286" />
        <source>证据仍可导入、整理和导出 PDF；装好后重新打开证据包，已导入的截图会自动识别。</source>
        <translation>You can still import, organise and export evidence. Once it is installed, reopen ProofPack and the screenshots already imported are read automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312" />
        <source>有 {0} 项投诉已到跟进日期，见“投诉进度”</source>
        <translation>{0} complaint(s) are due for follow-up; see Progress</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="389" />
        <source>从案件中移除选中的 {0} 份证据？</source>
        <translation>Remove the {0} selected item(s) from the case?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="269" />
        <source>请等待当前任务完成</source>
        <translation>Please wait for the current task to finish</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../../ui/pack_dialog.py" line="38" />
        <source>导出上传包</source>
        <translation>Export upload pack</translation>
    </message>
    <message>
        <location filename="../../ui/pack_dialog.py" line="42" />
        <source>为哪个渠道准备？</source>
        <translation>For which channel?</translation>
    </message>
    <message>
        <location filename="../../ui/pack_dialog.py" line="58" />
        <source>同时打包为一个 zip 文件</source>
        <translation>Also pack it as one zip file</translation>
    </message>
    <message>
        <location filename="../../ui/pack_dialog.py" line="88" />
        <source>证据{0} · {1} · {2}</source>
        <translation>Exhibit {0} · {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../ui/pack_dialog.py" line="109" />
        <source>打印完整的证据材料（A4），起诉状草稿和证据目录在前</source>
        <translation>Print the whole bundle (A4), the statement of claim draft and evidence catalogue first</translation>
    </message>
    <message>
        <location filename="../../ui/pack_dialog.py" line="111" />
        <source>打印完整的证据材料（A4），投诉书在前</source>
        <translation>Prints the whole evidence bundle (A4), the complaint first</translation>
    </message>
    <message>
        <location filename="../../ui/pack_dialog.py" line="113" />
        <source>已选 {0} 张，最多 {1} 张（按清单的重要程度预选，可更改）</source>
        <translation>{0} chosen, at most {1} (preselected by the checklist's priority; change as you like)</translation>
    </message>
    <message>
        <location filename="../../ui/pack_dialog.py" line="116" />
        <source>已选 {0} 张图片，另附完整的 PDF 证据材料</source>
        <translation>{0} images chosen, with the whole PDF evidence bundle</translation>
    </message>
</context>
<context>
    <name>PartiesDialog</name>
    <message>
        <location filename="../../ui/parties_dialog.py" line="23" />
        <source>当事人信息</source>
        <translation>Parties</translation>
    </message>
    <message>
        <location filename="../../ui/parties_dialog.py" line="25" />
        <source>12315 和现场投诉要求写明投诉人的姓名、电话、地址，以及被投诉企业的名称和地址（在店铺首页的「证照信息」或「营业执照」中可以找到，也可截图导入后识别）。这些信息只保存在本机，只在需要的渠道材料中使用，不会出现在公开材料（黑猫投诉）中。</source>
        <translation>12315 and complaints in person require your name, phone and address, and the business's name and address (on the shop's licence page, 证照信息 or 营业执照; you can also import a screenshot of it and have it read). They are kept on this computer only, used only in the packs of channels that need them, and never appear in a public pack (Heimao).</translation>
    </message>
    <message>
        <location filename="../../ui/parties_dialog.py" line="35" />
        <source>（未选择）</source>
        <translation>(not chosen)</translation>
    </message>
    <message>
        <location filename="../../ui/parties_dialog.py" line="46" />
        <source>统一社会信用代码的校验位不对：请对照营业执照核对</source>
        <translation>The unified social credit code fails its check character: compare it with the business licence</translation>
    </message>
</context>
<context>
    <name>PrivacyMenu</name>
    <message>
        <location filename="../../ui/privacy_menu.py" line="18" />
        <source>隐私(&amp;P)</source>
        <translation>&amp;Privacy</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="20" />
        <source>银行卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="20" />
        <source>手机号</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="21" />
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="21" />
        <source>收货地址</source>
        <translation>delivery addresses</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="22" />
        <source>收货人姓名</source>
        <translation>recipient names</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="26" />
        <source>导出时遮盖{0}</source>
        <translation>Black out {0} in exports</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="33" />
        <source>导出时附上未遮盖的原图…</source>
        <translation>Include unredacted originals in exports…</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="35" />
        <source>原图含个人信息，只给受理机关，不要公开上传</source>
        <translation>Originals contain personal data: give them only to the authority, never upload them publicly</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="39" />
        <source>签名与时间戳…</source>
        <translation>Signature and timestamp…</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="40" />
        <source>导出的证据包以谁的名义签名，是否向时间戳服务器申请时间戳</source>
        <translation>Whose name signs exported bundles, and whether to ask a timestamp server</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="57" />
        <source>附上未遮盖的原图</source>
        <translation>Include unredacted originals</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_menu.py" line="58" />
        <source>导出的 PDF 将包含未遮盖的原图，其中有银行卡号、手机号、地址等个人信息。

这样的文件只应交给受理投诉的机关，切勿上传到公开平台。确定要附上吗？</source>
        <translation>The exported PDF will contain the unredacted originals with card numbers, phone numbers, addresses and other personal data.

Such a file should only go to the authority handling your complaint, never to a public site. Include them?</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../ui/assistant_panels.py" line="283" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="283" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="283" />
        <source>受理编号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="284" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="284" />
        <source>下次跟进</source>
        <translation>Follow up</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="300" />
        <source>记录一次投诉</source>
        <translation>Record a complaint</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="302" />
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="304" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="327" />
        <source>受理编号：{0}</source>
        <translation>Reference: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="329" />
        <source>答复：{0}</source>
        <translation>Reply: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="332" />
        <source>提交的材料：{0}</source>
        <translation>Sent: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="351" />
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="362" />
        <source>还没有投诉记录。每次向平台、12315 等渠道投诉后，在这里记下日期和受理编号，按时跟进。</source>
        <translation>No complaints recorded yet. Each time you complain to the platform, 12315 or elsewhere, note the date and reference number here and follow up on time.</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="365" />
        <source>有 {0} 项投诉已到跟进日期，请联系受理方询问进展</source>
        <translation>{0} complaint(s) are due for follow-up: ask the office handling it how it stands</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="368" />
        <source>共 {0} 条投诉记录</source>
        <translation>{0} complaint(s) recorded</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="403" />
        <source>删除投诉记录</source>
        <translation>Delete complaint record</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="404" />
        <source>删除这条投诉记录？</source>
        <translation>Delete this complaint record?</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../ui/review_dialog.py" line="52" />
        <source>核对识别结果</source>
        <translation>Review readings</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="66" />
        <source>回车：确认（可先直接修改）　Tab：跳过　Shift+Tab：上一项</source>
        <translation>Enter: confirm (correct first if needed)   Tab: skip   Shift+Tab: back</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="99" />
        <source>无法识别的值：%1</source>
        <translation>Not a valid value: %1</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="110" />
        <source>全部核对完毕。</source>
        <translation>Everything has been checked.</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="117" />
        <source>第 %1 项，共 %2 项待核对</source>
        <translation>Item %1 of %2 to check</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="120" />
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="120" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="121" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="122" />
        <source>证据%1 · %2（识别不确定：%3）</source>
        <translation>Exhibit %1 · %2 (read with doubt: %3)</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialog.py" line="127" />
        <source>（原图无法打开）</source>
        <translation>(the original cannot be opened)</translation>
    </message>
</context>
<context>
    <name>SealSettingsDialog</name>
    <message>
        <location filename="../../ui/seal_settings.py" line="20" />
        <source>签名与时间戳</source>
        <translation>Signature and timestamp</translation>
    </message>
    <message>
        <location filename="../../ui/seal_settings.py" line="22" />
        <source>导出的每个 PDF 证据包都由本机生成的密钥签名，收到的人可以检查导出后是否被改动。默认以化名“ProofPack 用户 …”签名；填写姓名后，交给受理机关的材料以您的姓名签名，公开发布的材料（黑猫投诉）始终只用化名。

时间戳服务器（RFC 3161）可为签名加上第三方时间，需要联网；留空则不申请。服务器连不上时照常导出，并提示已跳过时间戳。</source>
        <translation>Every exported PDF bundle is signed with a key made on this computer, so whoever receives it can check that it was not changed after export. By default it is signed with a pseudonym (“ProofPack 用户 …”); with your name filled in, packs for the authorities are signed in your name, and public packs (黑猫投诉) always use the pseudonym only.

A timestamp server (RFC 3161) adds a third party's time to the signature and needs the internet; leave it empty to ask none. When the server cannot be reached, the export goes ahead and says the timestamp was skipped.</translation>
    </message>
    <message>
        <location filename="../../ui/seal_settings.py" line="28" />
        <source>留空：使用化名</source>
        <translation>Empty: a pseudonym</translation>
    </message>
    <message>
        <location filename="../../ui/seal_settings.py" line="32" />
        <source>签名人姓名</source>
        <translation>Signer's name</translation>
    </message>
    <message>
        <location filename="../../ui/seal_settings.py" line="33" />
        <source>时间戳服务器</source>
        <translation>Timestamp server</translation>
    </message>
    <message>
        <location filename="../../ui/seal_settings.py" line="39" />
        <source>时间戳服务器应是 http:// 或 https:// 开头的网址</source>
        <translation>The timestamp server must be an address starting with http:// or https://</translation>
    </message>
</context>
<context>
    <name>StoreTools</name>
    <message>
        <location filename="../../ui/store_tools.py" line="41" />
        <source>校验证据包…</source>
        <translation>Check a bundle…</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="43" />
        <source>检查导出的 PDF 证据包：签名、导出后是否被改动、图片和原件是否与清单一致</source>
        <translation>Check an exported PDF bundle: its signature, whether it changed after export, and whether its pictures and originals match its manifest</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="60" />
        <source>每个案件的证据处理记录都完整（{0} 个案件）</source>
        <translation>Every case's record of evidence handling is intact (cases checked: {0})</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="64" />
        <source>证据完整性检查</source>
        <translation>Evidence integrity check</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="80" />
        <source>保存案件备份</source>
        <translation>Save case backup</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="81" />
        <location filename="../../ui/store_tools.py" line="97" />
        <location filename="../../ui/store_tools.py" line="129" />
        <source>案件备份 (*.zip)</source>
        <translation>Case backups (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="96" />
        <source>选择案件备份</source>
        <translation>Choose a case backup</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="111" />
        <source>从备份恢复案件</source>
        <translation>Restore a case from a backup</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="123" />
        <source>选择要校验的证据包</source>
        <translation>Choose the bundle to check</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="124" />
        <source>PDF 证据包 (*.pdf)</source>
        <translation>PDF bundles (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="128" />
        <source>选择案件备份以核对原件（可取消跳过）</source>
        <translation>Choose the case backup to check the originals (Cancel to skip)</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="135" />
        <source>证据包校验通过</source>
        <translation>The bundle passed every check</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="135" />
        <source>证据包校验未通过</source>
        <translation>The bundle failed a check</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="138" />
        <source>校验证据包</source>
        <translation>Check a bundle</translation>
    </message>
    <message>
        <location filename="../../ui/store_tools.py" line="144" />
        <source>签名人：</source>
        <translation>Signed by: </translation>
    </message>
</context>
<context>
    <name>SubmissionDialog</name>
    <message>
        <location filename="../../ui/assistant_panels.py" line="161" />
        <source>投诉记录</source>
        <translation>Complaint record</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="164" />
        <source>（未记录）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="175" />
        <source>受理编号或投诉单号</source>
        <translation>Reference or ticket number</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="180" />
        <source>对方的答复、处理结果</source>
        <translation>Their reply or outcome</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="182" />
        <source>提醒跟进</source>
        <translation>Remind me to follow up</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="203" />
        <source>投诉日期</source>
        <translation>Date filed</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="204" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="205" />
        <source>受理编号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="206" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="207" />
        <source>提交的材料</source>
        <translation>What was sent</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="208" />
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../ui/assistant_panels.py" line="209" />
        <source>下次跟进</source>
        <translation>Follow up</translation>
    </message>
</context>
<context>
    <name>VideoFrames</name>
    <message>
        <location filename="../../ui/video_frames.py" line="59" />
        <source>添加画面</source>
        <translation>Add frame</translation>
    </message>
    <message>
        <location filename="../../ui/video_frames.py" line="66" />
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ui/video_frames.py" line="68" />
        <source>重新生成画面</source>
        <translation>Redo frames</translation>
    </message>
    <message>
        <location filename="../../ui/video_frames.py" line="69" />
        <source>按所选时间重新截取画面；新画面会重新识别文字</source>
        <translation>Take the frames again at the chosen moments; the new frames are read again</translation>
    </message>
    <message>
        <location filename="../../ui/video_frames.py" line="72" />
        <source>视频画面</source>
        <translation>Video frames</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/main.py" line="108" />
        <source>证据包</source>
        <translation>ProofPack</translation>
    </message>
</context>
</TS>