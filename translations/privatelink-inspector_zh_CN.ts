<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>PrivateLink Inspector</source>
        <translation>PrivateLink Inspector</translation>
    </message>
    <message>
        <source>Open the bundled sample capture.</source>
        <translation>打开自带的示例抓包。</translation>
    </message>
    <message>
        <source>Capture filter to apply.</source>
        <translation>要应用的连接过滤条件。</translation>
    </message>
    <message>
        <source>Bytes to decode in the Decode bytes view.</source>
        <translation>在“解码字节”视图中要解码的字节。</translation>
    </message>
    <message>
        <source>Language for this run: system, en or zh_CN (default: Settings &gt; Language).</source>
        <translation>本次运行使用的语言：system、en 或 zh_CN（默认：设置 &gt; 语言）。</translation>
    </message>
    <message>
        <source>A .pcap or .pcapng file to open.</source>
        <translation>要打开的 .pcap 或 .pcapng 文件。</translation>
    </message>
    <message>
        <source>Start on a tool: captures, decode, listener, client, policy, flowlogs.</source>
        <translation>启动时打开某个工具：captures、decode、listener、client、policy、flowlogs。</translation>
    </message>
    <message>
        <source>A flow log, CIDR ranges, inventory or ip-ranges.json file for the Flow logs view (repeatable).</source>
        <translation>交给流日志视图的文件：流日志、CIDR 网段、资产清单或 ip-ranges.json（可重复）。</translation>
    </message>
</context>
<context>
    <name>pl::capture::FindingText</name>
    <message>
        <source>header missing: the client&apos;s first bytes are not a PROXY header</source>
        <translation>缺少头：客户端发送的最初字节不是 PROXY 头</translation>
    </message>
    <message>
        <source>second PROXY header at stream byte %1 (a client-sent header passed through: spoofing risk)</source>
        <translation>流的第 %1 字节处有第二个 PROXY 头（客户端自带的头被透传：存在伪造风险）</translation>
    </message>
    <message>
        <source>gap: client bytes from stream byte %1 never arrived in the capture</source>
        <translation>缺口：从流的第 %1 字节起的客户端字节未出现在抓包中</translation>
    </message>
    <message>
        <source>frame %1 was cut by the snap length; bytes from stream byte %2 are missing</source>
        <translation>第 %1 帧被抓包长度（snaplen）截断；从流的第 %2 字节起的数据缺失</translation>
    </message>
    <message>
        <source>the capture starts after the handshake</source>
        <translation>抓包开始于握手之后</translation>
    </message>
    <message>
        <source>client retransmitted bytes at stream byte %1 (frame %2)</source>
        <translation>客户端在流的第 %1 字节处重传了数据（第 %2 帧）</translation>
    </message>
    <message>
        <source>frame %1 resent stream byte %2 with different content; the first copy is used</source>
        <translation>第 %1 帧以不同内容重发了流的第 %2 字节；采用第一份</translation>
    </message>
    <message>
        <source>stopped reassembling at %1 bytes before the header was complete</source>
        <translation>在头完整之前已于 %1 字节处停止重组</translation>
    </message>
    <message>
        <source>no handshake and no PROXY signature: the client side is guessed from the ports</source>
        <translation>没有握手也没有 PROXY 签名：根据端口推测客户端一侧</translation>
    </message>
    <message>
        <source>the client sent no bytes (a TCP health check or an aborted connection)</source>
        <translation>客户端未发送任何字节（TCP 健康检查或中止的连接）</translation>
    </message>
    <message>
        <source>header byte %1 says another transport than the connection&apos;s (DGRAM on TCP or STREAM on UDP): HAProxy then uses the load balancer&apos;s address, nginx the header&apos;s</source>
        <translation>头部第 %1 字节声明的传输协议与连接不符（TCP 上为 DGRAM，或 UDP 上为 STREAM）：此时 HAProxy 使用负载均衡器的地址，nginx 使用头部中的地址</translation>
    </message>
</context>
<context>
    <name>pl::capture::LinkLayerText</name>
    <message>
        <source>unsupported link-layer type %1; supported: Ethernet (with VLAN tags), Linux cooked v1/v2, BSD loopback (NULL/LOOP), raw IPv4/IPv6</source>
        <translation>不支持的链路层类型 %1；支持：以太网（含 VLAN 标签）、Linux cooked v1/v2、BSD 环回（NULL/LOOP）、原始 IPv4/IPv6</translation>
    </message>
</context>
<context>
    <name>pl::capture::PcapSourceText</name>
    <message>
        <source>cannot open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>not a pcap or pcapng capture: %1 bytes, too short for a file header</source>
        <translation>不是 pcap 或 pcapng 抓包文件：只有 %1 字节，不足一个文件头</translation>
    </message>
    <message>
        <source>not a readable capture at byte 0 (file header): %1</source>
        <translation>第 0 字节（文件头）处不是可读的抓包文件：%1</translation>
    </message>
    <message>
        <source>permission denied capturing on %1: run as root or grant the capture capabilities (setcap cap_net_raw,cap_net_admin=eip on the executable)</source>
        <translation>在 %1 上抓包被拒绝：请以 root 运行，或授予抓包权限（对可执行文件执行 setcap cap_net_raw,cap_net_admin=eip）</translation>
    </message>
    <message>
        <source>no such interface: %1</source>
        <translation>没有此网络接口：%1</translation>
    </message>
    <message>
        <source>cannot capture on %1: %2</source>
        <translation>无法在 %1 上抓包：%2</translation>
    </message>
    <message>
        <source>capture filter &quot;%1&quot;: %2</source>
        <translation>抓包过滤器“%1”：%2</translation>
    </message>
    <message>
        <source>damaged capture: record %1 at file offset %2: %3</source>
        <translation>抓包文件已损坏：记录 %1（文件偏移 %2）：%3</translation>
    </message>
    <message>
        <source>damaged capture: block for frame %1 (read up to file offset %2): %3</source>
        <translation>抓包文件已损坏：第 %1 帧所在的块（已读到文件偏移 %2）：%3</translation>
    </message>
    <message>
        <source>capture with interfaces of different link types or snapshot lengths from a pipe, read up to frame %1 (file offset %2): %3; give the file itself (it is read again past that frame), or keep one interface: tshark -r FILE -Y &quot;frame.interface_id == 0&quot; -F pcap -w one.pcap</source>
        <translation>来自管道的抓包含有链路类型或快照长度不同的接口，已读到第 %1 帧（文件偏移 %2）：%3；请直接给出文件本身（将从该帧之后重新读取），或只保留一个接口：tshark -r FILE -Y &quot;frame.interface_id == 0&quot; -F pcap -w one.pcap</translation>
    </message>
    <message>
        <source>damaged capture: block for frame %1 at file offset %2: %3</source>
        <translation>抓包文件已损坏：第 %1 帧所在的块位于文件偏移 %2：%3</translation>
    </message>
</context>
<context>
    <name>pl::capture::PcapngReaderText</name>
    <message>
        <source>cannot open the capture again to read all of its interfaces</source>
        <translation>无法再次打开抓包文件以读取其全部接口</translation>
    </message>
    <message>
        <source>the file ends inside a block header (truncated?)</source>
        <translation>文件在块头部中间结束（被截断？）</translation>
    </message>
    <message>
        <source>the file ends inside a section header (truncated?)</source>
        <translation>文件在节头部中间结束（被截断？）</translation>
    </message>
    <message>
        <source>section header without the byte-order magic 1A2B3C4D</source>
        <translation>节头部缺少字节序标识 1A2B3C4D</translation>
    </message>
    <message>
        <source>block of type 0x%1 has an impossible length %2</source>
        <translation>类型为 0x%1 的块长度 %2 不可能成立</translation>
    </message>
    <message>
        <source>the file ends inside a block of type 0x%1 (truncated?)</source>
        <translation>文件在类型为 0x%1 的块中间结束（被截断？）</translation>
    </message>
    <message>
        <source>block of type 0x%1: its trailing length %2 is not its length %3</source>
        <translation>类型为 0x%1 的块：末尾长度 %2 与其长度 %3 不一致</translation>
    </message>
    <message>
        <source>interface description block too short</source>
        <translation>接口描述块过短</translation>
    </message>
    <message>
        <source>interface option %1 runs past its block</source>
        <translation>接口选项 %1 超出其所在块</translation>
    </message>
    <message>
        <source>packet block too short</source>
        <translation>数据包块过短</translation>
    </message>
    <message>
        <source>packet of interface %1, which the file has not described</source>
        <translation>数据包属于接口 %1，但文件未描述该接口</translation>
    </message>
    <message>
        <source>captured length %1 runs past its block</source>
        <translation>捕获长度 %1 超出其所在块</translation>
    </message>
    <message>
        <source>simple packet block before any interface</source>
        <translation>简单数据包块出现在任何接口之前</translation>
    </message>
</context>
<context>
    <name>pl::cli::FlowlogCommandText</name>
    <message>
        <source>CIDR CSV (cidr,provider,service,region,label or bare CIDRs); repeatable.</source>
        <translation>CIDR CSV（cidr,provider,service,region,label 或单独的 CIDR）；可重复。</translation>
    </message>
    <message>
        <source>Own public addresses: CSV ip,kind,resource_id,vpc_id,region,account_id; repeatable.</source>
        <translation>自有公网地址：CSV ip,kind,resource_id,vpc_id,region,account_id；可重复。</translation>
    </message>
    <message>
        <source>AWS ip-ranges.json; repeatable.</source>
        <translation>AWS ip-ranges.json；可重复。</translation>
    </message>
    <message>
        <source>Saved Alibaba Cloud DescribePublicIpAddress answers (JSON); repeatable.</source>
        <translation>保存的阿里云 DescribePublicIpAddress 应答（JSON）；可重复。</translation>
    </message>
    <message>
        <source>Ports the instances serve on (comma-separated), for the port rule.</source>
        <translation>实例提供服务的端口（逗号分隔），用于端口规则。</translation>
    </message>
    <message>
        <source>Treat the documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) as private.</source>
        <translation>将文档示例地址段（192.0.2/24、198.51.100/24、203.0.113/24、2001:db8::/32）视为私网地址。</translation>
    </message>
    <message>
        <source>Print JSON Lines: one finding per line, then the summary.</source>
        <translation>输出 JSON Lines：每行一条发现，最后是汇总。</translation>
    </message>
    <message>
        <source>Print the findings as CSV.</source>
        <translation>以 CSV 输出发现。</translation>
    </message>
    <message>
        <source>Print a Markdown report.</source>
        <translation>输出 Markdown 报告。</translation>
    </message>
    <message>
        <source>query: sls or athena.</source>
        <translation>query：sls 或 athena。</translation>
    </message>
    <message>
        <source>query: the Athena table (default vpc_flow_logs).</source>
        <translation>query：Athena 表名（默认 vpc_flow_logs）。</translation>
    </message>
    <message>
        <source>--engine must be sls or athena (got &apos;%1&apos;)</source>
        <translation>--engine 必须是 sls 或 athena（收到“%1”）</translation>
    </message>
    <message>
        <source>unknown subcommand &apos;%1&apos; (check or query)</source>
        <translation>未知子命令“%1”（check 或 query）</translation>
    </message>
    <message>
        <source>Print the check as a query for SLS or Athena.</source>
        <translation>将此检查输出为 SLS 或 Athena 查询。</translation>
    </message>
    <message>
        <source>--listening-ports wants port numbers separated by commas</source>
        <translation>--listening-ports 需要以逗号分隔的端口号</translation>
    </message>
    <message>
        <source>no flow-log file given</source>
        <translation>未指定流日志文件</translation>
    </message>
    <message>
        <source>--json, --csv and --markdown exclude each other</source>
        <translation>--json、--csv 和 --markdown 不能同时使用</translation>
    </message>
    <message>
        <source>--dialect must be auto, alibaba or aws</source>
        <translation>--dialect 必须是 auto、alibaba 或 aws</translation>
    </message>
    <message>
        <source>--format: &apos;%1&apos; is not a flow-log field</source>
        <translation>--format：“%1”不是流日志字段</translation>
    </message>
    <message>
        <source>--%1: no such file: %2</source>
        <translation>--%1：文件不存在：%2</translation>
    </message>
    <message>
        <source>no such file or directory: %1</source>
        <translation>文件或目录不存在：%1</translation>
    </message>
    <message>
        <source>%1 malformed line(s), first: %2</source>
        <translation>%1 行格式错误，第一处：%2</translation>
    </message>
    <message>
        <source>MiB of flow state kept in memory; beyond it the flows go to temporary files in TMPDIR (default 48; the result is the same).</source>
        <translation>内存中保留的流状态大小（MiB）；超出后流写入 TMPDIR 中的临时文件（默认 48；结果相同）。</translation>
    </message>
    <message>
        <source>--memory wants a number of MiB (0 or more)</source>
        <translation>--memory 需要一个 MiB 数（0 或更大）</translation>
    </message>
    <message>
        <source>Read VPC flow logs (Alibaba SLS JSON Lines/CSV, AWS text; plain, gzip, zstd or LZ4; files or directories) and report outbound requests to public addresses that could use a private path.</source>
        <translation>读取 VPC 流日志（阿里云 SLS JSON Lines/CSV、AWS 文本；明文、gzip、zstd 或 LZ4；文件或目录），报告访问公网地址、本可走私网路径的出方向请求。</translation>
    </message>
    <message>
        <source>Flow-log files or directories; - reads standard input.</source>
        <translation>流日志文件或目录；- 表示读取标准输入。</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>提示：%1</translation>
    </message>
    <message>
        <source>no file in directory: %1</source>
        <translation>目录中没有文件：%1</translation>
    </message>
    <message>
        <source>auto (default), alibaba or aws: with alibaba or aws, a file of the other cloud is not read (a file error).</source>
        <translation>auto（默认）、alibaba 或 aws：指定 alibaba 或 aws 时，另一云厂商的文件不会被读取（记为文件错误）。</translation>
    </message>
    <message>
        <source>--table must be a table name such as vpc_flow_logs or db.vpc_flow_logs (letters, digits, &apos;_&apos;; got &apos;%1&apos;)</source>
        <translation>--table 必须是表名，例如 vpc_flow_logs 或 db.vpc_flow_logs（字母、数字、&apos;_&apos;；收到 &apos;%1&apos;）</translation>
    </message>
    <message>
        <source>AWS field names of header-less text (a CloudWatch export), space-separated; with query --engine athena, the table&apos;s columns.</source>
        <translation>无表头文本（CloudWatch 导出）的 AWS 字段名，以空格分隔；用于 query --engine athena 时为表的列。</translation>
    </message>
    <message>
        <source>--format: the query needs %1</source>
        <translation>--format：查询需要 %1</translation>
    </message>
    <message>
        <source>--format names no field</source>
        <translation>--format 没有给出任何字段</translation>
    </message>
    <message>
        <source>--format: &apos;%1&apos; names a field given before</source>
        <translation>--format：&apos;%1&apos; 指的字段前面已给出</translation>
    </message>
    <message>
        <source>--format and --table describe the Athena table: with --engine athena only</source>
        <translation>--format 和 --table 描述的是 Athena 表：只能与 --engine athena 一起使用</translation>
    </message>
</context>
<context>
    <name>pl::cli::PolicyCommandText</name>
    <message>
        <source>Print JSON Lines.</source>
        <translation>输出 JSON Lines。</translation>
    </message>
    <message>
        <source>acs (Alibaba RAM) or aws (IAM); default: from the policy&apos;s Version.</source>
        <translation>acs（阿里云 RAM）或 aws（IAM）；默认：根据策略的 Version 判断。</translation>
    </message>
    <message>
        <source>unknown dialect &apos;%1&apos; (acs or aws)</source>
        <translation>未知的策略语法“%1”（acs 或 aws）</translation>
    </message>
    <message>
        <source>--request: cannot open %1: %2</source>
        <translation>--request：无法打开 %1：%2</translation>
    </message>
    <message>
        <source>--request: %1 at offset %2</source>
        <translation>--request：偏移 %2 处：%1</translation>
    </message>
    <message>
        <source>frame %1 %2</source>
        <translation>第 %1 帧 %2</translation>
    </message>
    <message>
        <source>%1 connections: %2 Allow, %3 ExplicitDeny, %4 ImplicitDeny</source>
        <translation>%1 个连接：%2 个 Allow，%3 个 ExplicitDeny，%4 个 ImplicitDeny</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n 次命中</numerusform>
        </translation>
    </message>
    <message>
        <source>never hit: %1</source>
        <translation>从未命中：%1</translation>
    </message>
    <message>
        <source>Judge requests with one or more policies (layers, in order).</source>
        <translation>用一个或多个策略（按顺序分层）判定请求。</translation>
    </message>
    <message>
        <source>A request as JSON text or a file (object or list).</source>
        <translation>请求，JSON 文本或文件（对象或列表）。</translation>
    </message>
    <message>
        <source>Judge every connection of a pcap/pcapng capture.</source>
        <translation>判定 pcap/pcapng 抓包中的每个连接。</translation>
    </message>
    <message>
        <source>Print the whole explanation for each connection.</source>
        <translation>为每个连接输出完整的判定解释。</translation>
    </message>
    <message>
        <source>With --json and --capture, end with the per-statement hit counts.</source>
        <translation>与 --json 和 --capture 一起使用时，最后输出每条语句的命中次数。</translation>
    </message>
    <message>
        <source>Policy documents, evaluated as layers.</source>
        <translation>策略文档，按层评估。</translation>
    </message>
    <message>
        <source>give at least one POLICY file</source>
        <translation>请至少提供一个 POLICY 文件</translation>
    </message>
    <message>
        <source>give either --request JSON or --capture FILE</source>
        <translation>请提供 --request JSON 或 --capture FILE 之一</translation>
    </message>
    <message>
        <source>Run a test-case table (JSON or CSV) against policies.</source>
        <translation>用测试用例表（JSON 或 CSV）检验策略。</translation>
    </message>
    <message>
        <source>Policy documents (layers), then the test-case file.</source>
        <translation>策略文档（分层），然后是测试用例文件。</translation>
    </message>
    <message>
        <source>give POLICY... and a CASES file</source>
        <translation>请提供 POLICY... 和一个 CASES 文件</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>expected %1, got %2</source>
        <translation>期望 %1，实际 %2</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed</source>
        <translation>%1 个通过，%2 个失败</translation>
    </message>
    <message>
        <source>Which requests change decision between two versions of a policy.</source>
        <translation>找出在策略的两个版本之间判定结果发生变化的请求。</translation>
    </message>
    <message>
        <source>Compare over every connection of a capture.</source>
        <translation>对抓包中的每个连接进行比较。</translation>
    </message>
    <message>
        <source>The two versions, then a test-case file.</source>
        <translation>两个版本，然后是测试用例文件。</translation>
    </message>
    <message>
        <source>give OLD NEW and either --capture FILE or CASES</source>
        <translation>请提供 OLD NEW，以及 --capture FILE 或 CASES 之一</translation>
    </message>
    <message>
        <source>%1 of %2 requests change decision</source>
        <translation>%2 个请求中有 %1 个判定结果发生变化</translation>
    </message>
    <message>
        <source>Check policies for mistakes.</source>
        <translation>检查策略中的错误。</translation>
    </message>
    <message>
        <source>Policy documents.</source>
        <translation>策略文档。</translation>
    </message>
    <message>
        <source>give a POLICY file</source>
        <translation>请提供一个 POLICY 文件</translation>
    </message>
    <message>
        <source>no findings (%1 dialect)</source>
        <translation>未发现问题（%1 语法）</translation>
    </message>
    <message>
        <source>usage: plinspect policy eval|test|diff|lint|check|export ... (--help for each)</source>
        <translation>用法：plinspect policy eval|test|diff|lint|check|export ...（各子命令可用 --help 查看）</translation>
    </message>
    <message>
        <source>--request: item %1 is not a JSON object ({&quot;action&quot;: ..., &quot;context&quot;: {...}})</source>
        <translation>--request：第 %1 项不是 JSON 对象（{&quot;action&quot;: ..., &quot;context&quot;: {...}}）</translation>
    </message>
</context>
<context>
    <name>pl::exporting::PacketExportText</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>pl::flowlog::RecommendationText</name>
    <message>
        <source>the source VPC</source>
        <translation>源 VPC</translation>
    </message>
    <message>
        <source>Create an OSS gateway endpoint in %1 and route the bucket traffic through it (or use the OSS internal endpoint)</source>
        <translation>在 %1 中创建 OSS 网关终端节点，让存储桶流量经由它转发（或使用 OSS 内网访问域名）</translation>
    </message>
    <message>
        <source>Create a gateway endpoint for %1 in %2 and add it to the route tables of the source subnets</source>
        <translation>在 %2 中为 %1 创建网关终端节点，并将其加入源子网的路由表</translation>
    </message>
    <message>
        <source>The destination belongs to %1 (service unknown): identify the service and create an interface endpoint (PrivateLink) for it in %2</source>
        <translation>目的地址属于 %1（服务未知）：请确定是哪项服务，并在 %2 中为其创建接口终端节点（PrivateLink）</translation>
    </message>
    <message>
        <source>a listed cloud range</source>
        <translation>已列出的云网段</translation>
    </message>
    <message>
        <source>Create an interface endpoint (PrivateLink) for %1 in %2</source>
        <translation>在 %2 中为 %1 创建接口终端节点（PrivateLink）</translation>
    </message>
    <message>
        <source>Create an interface endpoint (PrivateLink) for %1 in %2 (%3)</source>
        <translation>在 %2 中为 %1 创建接口终端节点（PrivateLink）（%3）</translation>
    </message>
    <message>
        <source>%1 (%2) is in %3 of your account: publish it as an endpoint service and reach it from %4 over PrivateLink instead of its public address</source>
        <translation>%1（%2）位于您账号的 %3 中：请将其发布为终端节点服务，并从 %4 经 PrivateLink 访问，而不是通过其公网地址</translation>
    </message>
    <message>
        <source>The destination</source>
        <translation>目的地址</translation>
    </message>
    <message>
        <source>own</source>
        <translation>自有</translation>
    </message>
    <message>
        <source>another VPC</source>
        <translation>另一个 VPC</translation>
    </message>
    <message>
        <source>%1 is in the same VPC (%2): use its private address instead of hairpinning through a public IP</source>
        <translation>%1 位于同一 VPC（%2）中：请使用其私网地址，不要经公网 IP 绕回</translation>
    </message>
    <message>
        <source>Internet egress to addresses of no known owner: not a PrivateLink case (load provider ranges with --ranges to identify an owner)</source>
        <translation>访问归属未知地址的公网出流量：不属于 PrivateLink 场景（用 --ranges 加载云厂商网段以识别归属）</translation>
    </message>
    <message>
        <source>Outbound attempts to a public address were rejected by a security group or network ACL: check whether this traffic should use a private endpoint</source>
        <translation>访问公网地址的出方向尝试被安全组或网络 ACL 拒绝：请检查这些流量是否应使用私网终端节点</translation>
    </message>
    <message>
        <source>%1 EC2 addresses are public instances of any of its customers: not a PrivateLink case unless the destination is your own (load your inventory to tell)</source>
        <translation>%1 EC2 地址是其任意客户的公网实例：除非目的地是您自己的资源（加载资产清单即可判断），否则不属于 PrivateLink 场景</translation>
    </message>
    <message>
        <source>%1 %2 offers no endpoint in a VPC: this traffic stays on the public path (not a PrivateLink case)</source>
        <translation>%1 %2 不提供 VPC 内的终端节点：此流量仍走公网路径（不属于 PrivateLink 场景）</translation>
    </message>
    <message>
        <source>%1 in %2 is reached from %3 in %4: an endpoint in %3 does not reach another region&apos;s service. Create an interface endpoint (PrivateLink) in a VPC of %2 and reach it from %3 over peering or a transit router, or use the service in %4</source>
        <translation>%2 的 %1 由 %4 的 %3 访问：%3 中的终端节点无法访问其他地域的服务。请在 %2 的 VPC 中创建接口终端节点（PrivateLink），并通过对等连接或转发路由器从 %3 访问，或改用 %4 的服务</translation>
    </message>
</context>
<context>
    <name>pl::gui::BarChart</name>
    <message>
        <source>(others)</source>
        <translation>（其他）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>pl::gui::BreakdownModel</name>
    <message>
        <source>Offset</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>pl::gui::CaptureLoader</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>pl::gui::CaptureSummary</name>
    <message>
        <source>Connections per VPC ID</source>
        <translation>各 VPC ID 的连接数</translation>
    </message>
    <message>
        <source>Connections per endpoint ID</source>
        <translation>各终端节点 ID 的连接数</translation>
    </message>
    <message>
        <source>CRC32C</source>
        <translation>CRC32C</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>No capture loaded</source>
        <translation>未加载抓包</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; connections · %2 with a PROXY header · %3 without · v1 %4 · v2 %5 (LOCAL %6) · %7 invalid</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 个连接 · %2 个带 PROXY 头 · %3 个不带 · v1 %4 · v2 %5（LOCAL %6）· %7 个无效</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Counted while the capture was read. Packets that could not be decoded are missing from their connections: a header in an IP fragment or past the snapshot length is not shown.</source>
        <translation>读取抓包时统计。无法解码的数据包不在其连接中：位于 IP 分片中或超出快照长度的头部不会显示。</translation>
    </message>
    <message>
        <source>Read %1 packets (%2 bytes)</source>
        <translation>已读取 %1 个数据包（%2 字节）</translation>
    </message>
    <message>
        <source>%1 from inside VXLAN/GENEVE tunnels</source>
        <translation>%1 个来自 VXLAN/GENEVE 隧道内部</translation>
    </message>
    <message>
        <source>%1 non-IP frames (ARP, LLDP…)</source>
        <translation>%1 个非 IP 帧（ARP、LLDP…）</translation>
    </message>
    <message>
        <source>%1 UDP datagrams of flows without a PROXY header</source>
        <translation>%1 个无 PROXY 头部的流的 UDP 数据报</translation>
    </message>
    <message>
        <source>%1 packets cut by the snapshot length</source>
        <translation>%1 个数据包被快照长度截断</translation>
    </message>
    <message>
        <source>%1 packets with a cut TCP/UDP header</source>
        <translation>%1 个数据包的 TCP/UDP 头部不完整</translation>
    </message>
    <message>
        <source>%1 malformed IP packets</source>
        <translation>%1 个格式错误的 IP 数据包</translation>
    </message>
    <message>
        <source>Not decoded: %1</source>
        <translation>未解码：%1</translation>
    </message>
    <message>
        <source>%1 frames of interfaces with a link type not read (802.11, USB…)</source>
        <translation>%1 个帧来自链路类型不受支持的接口（802.11、USB…）</translation>
    </message>
    <message>
        <source>%1 packets reassembled from IP fragments</source>
        <translation>%1 个数据包由 IP 分片重组</translation>
    </message>
    <message>
        <source>%1 IP fragments of incomplete or conflicting datagrams</source>
        <translation>%1 个 IP 分片属于不完整或相互冲突的数据报</translation>
    </message>
</context>
<context>
    <name>pl::gui::CapturesView</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>not understood: %1</source>
        <translation>无法理解：%1</translation>
    </message>
    <message>
        <source>%1 connections · %p%</source>
        <translation>%1 个连接 · %p%</translation>
    </message>
    <message>
        <source>Open a capture (File &gt; Open, or drop a .pcap/.pcapng here)</source>
        <translation>打开抓包文件（文件 &gt; 打开，或将 .pcap/.pcapng 拖放到这里）</translation>
    </message>
    <message>
        <source>Loading %1 ...</source>
        <translation>正在加载 %1 ...</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <source>Loading cancelled: %1 connections read</source>
        <translation>已取消加载：已读取 %1 个连接</translation>
    </message>
    <message>
        <source>%1: %2 connections</source>
        <translation>%1：%2 个连接</translation>
    </message>
    <message>
        <source>This capture has no TCP or UDP connections</source>
        <translation>此抓包中没有 TCP 或 UDP 连接</translation>
    </message>
    <message>
        <source>%1 of %2 connections</source>
        <translation>%2 个连接中的 %1 个</translation>
    </message>
    <message>
        <source>The header bytes were not captured</source>
        <translation>头的字节未被抓到</translation>
    </message>
    <message>
        <source>No PROXY header: the client&apos;s first bytes were %1</source>
        <translation>没有 PROXY 头：客户端最初的字节是 %1</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>No connection with findings</source>
        <translation>没有带问题的连接</translation>
    </message>
    <message>
        <source>%1: %2 (the %3 connections read before it are shown)</source>
        <translation>%1：%2（已显示此前读取的 %3 个连接）</translation>
    </message>
    <message>
        <source>%1 packets · %2 connections · %3 dropped</source>
        <translation>%1 个数据包 · %2 个连接 · 丢弃 %3</translation>
    </message>
    <message>
        <source>Cannot start the capture: no temporary folder (%1)</source>
        <translation>无法开始抓包：没有临时文件夹（%1）</translation>
    </message>
    <message>
        <source>Capturing on %1: connections appear as they complete</source>
        <translation>正在 %1 上抓包：连接一完成就会显示</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Capturing on %1 (%2)</source>
        <translation>正在 %1 上抓包（%2）</translation>
    </message>
    <message>
        <source>no filter</source>
        <translation>无过滤器</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>抓包(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Start...</source>
        <translation>开始(&amp;S)...</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Save as &amp;pcapng...</source>
        <translation>另存为 pcapng(&amp;P)...</translation>
    </message>
    <message>
        <source>Export connections as &amp;capture</source>
        <translation>将连接导出为抓包文件(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Selected connections...</source>
        <translation>选中的连接(&amp;S)...</translation>
    </message>
    <message>
        <source>&amp;Filtered connections...</source>
        <translation>筛选出的连接(&amp;F)...</translation>
    </message>
    <message>
        <source>&amp;Selected connections (%1)...</source>
        <translation>选中的连接（%1）(&amp;S)...</translation>
    </message>
    <message>
        <source>&amp;Filtered connections (%1)...</source>
        <translation>筛选出的连接（%1）(&amp;F)...</translation>
    </message>
    <message>
        <source>Save capture</source>
        <translation>保存抓包文件</translation>
    </message>
    <message>
        <source>pcapng captures (*.pcapng)</source>
        <translation>pcapng 抓包文件 (*.pcapng)</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export connections as capture</source>
        <translation>将连接导出为抓包文件</translation>
    </message>
    <message>
        <source>Exported the connections&apos; packets to %1</source>
        <translation>已将这些连接的数据包导出到 %1</translation>
    </message>
    <message>
        <source>Live capture</source>
        <translation>实时抓包</translation>
    </message>
    <message>
        <source>Capture stopped: %1 connections; Capture &gt; Save as pcapng keeps it</source>
        <translation>抓包已停止：%1 个连接；用“抓包 &gt; 另存为 pcapng”保存</translation>
    </message>
    <message>
        <source>Capture stopped: %1</source>
        <translation>抓包已停止：%1</translation>
    </message>
    <message>
        <source>No connection was captured</source>
        <translation>没有抓到连接</translation>
    </message>
    <message>
        <source>Exporting to %1 ...</source>
        <translation>正在导出到 %1 ...</translation>
    </message>
    <message>
        <source>Filter: free text, vpc:ID, ep:ID, crc:invalid, error, missing, v1, v2, local, finding:NAME, host:, path:, status:403; -term negates</source>
        <translation>筛选：自由文本、vpc:ID、ep:ID、crc:invalid、error、missing、v1、v2、local、finding:名称、host:、path:、status:403；-条件 表示取反</translation>
    </message>
</context>
<context>
    <name>pl::gui::ClientView</name>
    <message>
        <source>DGRAM (UDP)</source>
        <translation>DGRAM（UDP）</translation>
    </message>
    <message>
        <source>TLS after the header</source>
        <translation>头之后使用 TLS</translation>
    </message>
    <message>
        <source>verify certificate</source>
        <translation>验证证书</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>CRC32C present and correct</source>
        <translation>CRC32C 存在且正确</translation>
    </message>
    <message>
        <source>no CRC32C</source>
        <translation>不带 CRC32C</translation>
    </message>
    <message>
        <source>wrong CRC32C</source>
        <translation>错误的 CRC32C</translation>
    </message>
    <message>
        <source>no fault</source>
        <translation>无故障</translation>
    </message>
    <message>
        <source>The backend&apos;s answer, timings and failures appear here</source>
        <translation>后端的应答、耗时和失败信息显示在这里</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>ADDR:PORT, [V6]:PORT or /path</source>
        <translation>ADDR:PORT、[V6]:PORT 或 /路径</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>epsrv-...</source>
        <translation>epsrv-...</translation>
    </message>
    <message>
        <source>vpce-...</source>
        <translation>vpce-...</translation>
    </message>
    <message>
        <source>uint32</source>
        <translation>uint32</translation>
    </message>
    <message>
        <source>uint64</source>
        <translation>uint64</translation>
    </message>
    <message>
        <source>host name (TLS SNI)</source>
        <translation>主机名（TLS SNI）</translation>
    </message>
    <message>
        <source>Alibaba VPC ID</source>
        <translation>阿里云 VPC ID</translation>
    </message>
    <message>
        <source>Alibaba endpoint ID</source>
        <translation>阿里云终端节点 ID</translation>
    </message>
    <message>
        <source>Alibaba endpoint service ID</source>
        <translation>阿里云终端节点服务 ID</translation>
    </message>
    <message>
        <source>AWS VPC endpoint ID</source>
        <translation>AWS VPC 终端节点 ID</translation>
    </message>
    <message>
        <source>Azure LinkID</source>
        <translation>Azure LinkID</translation>
    </message>
    <message>
        <source>GCP PSC connection ID</source>
        <translation>GCP PSC 连接 ID</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Authority</translation>
    </message>
    <message>
        <source>CRC32C</source>
        <translation>CRC32C</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送到</translation>
    </message>
    <message>
        <source>HOST:PORT</source>
        <translation>HOST:PORT</translation>
    </message>
    <message>
        <source>Host header (default: the target)</source>
        <translation>Host 头（默认：目标地址）</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation>HTTP 请求</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>The backend must be HOST:PORT</source>
        <translation>后端必须是 HOST:PORT</translation>
    </message>
    <message>
        <source>Sending to %1 ...</source>
        <translation>正在发送到 %1 ...</translation>
    </message>
    <message>
        <source>FAILED (%1): %2

</source>
        <translation>失败（%1）：%2

</translation>
    </message>
    <message>
        <source>Sent %1 header bytes and %2 payload bytes from %3:%4
</source>
        <translation>已从 %3:%4 发送 %1 字节头和 %2 字节载荷
</translation>
    </message>
    <message>
        <source>connect %1 ms · TLS %2 ms · first byte %3 ms · total %4 ms

</source>
        <translation>连接 %1 毫秒 · TLS %2 毫秒 · 首字节 %3 毫秒 · 总计 %4 毫秒

</translation>
    </message>
    <message>
        <source>h2, http/1.1</source>
        <translation>h2, http/1.1</translation>
    </message>
    <message>
        <source>opaque, at most 128 bytes</source>
        <translation>任意字节，最多 128 字节</translation>
    </message>
    <message>
        <source>TYPE=HEX; TYPE=HEX (e.g. 0xF0=0102)</source>
        <translation>TYPE=HEX; TYPE=HEX（例如 0xF0=0102）</translation>
    </message>
    <message>
        <source>ALPN</source>
        <translation>ALPN</translation>
    </message>
    <message>
        <source>Unique ID</source>
        <translation>唯一 ID</translation>
    </message>
    <message>
        <source>Other TLVs</source>
        <translation>其他 TLV</translation>
    </message>
    <message>
        <source>Fault matrix</source>
        <translation>故障矩阵</translation>
    </message>
    <message>
        <source>Send this header as every variation a backend should handle: valid, no CRC32C, wrong CRC32C, v1 and each fault</source>
        <translation>以后端应能处理的每种变体发送此头部：有效、无 CRC32C、错误的 CRC32C、v1 以及各种故障</translation>
    </message>
    <message>
        <source>Export results...</source>
        <translation>导出结果...</translation>
    </message>
    <message>
        <source>Export matrix results</source>
        <translation>导出矩阵结果</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Variation</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Backend answer</source>
        <translation>后端应答</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Header bytes</source>
        <translation>头部字节</translation>
    </message>
    <message>
        <source>Source and destination</source>
        <translation>源地址和目的地址</translation>
    </message>
    <message>
        <source>Other TLVs &apos;%1&apos;</source>
        <translation>其他 TLV“%1”</translation>
    </message>
</context>
<context>
    <name>pl::gui::ConnectionTableModel</name>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>INVALID</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务端</translation>
    </message>
    <message>
        <source>PROXY</source>
        <translation>PROXY</translation>
    </message>
    <message>
        <source>PP source</source>
        <translation>PP 源地址</translation>
    </message>
    <message>
        <source>PP destination</source>
        <translation>PP 目的地址</translation>
    </message>
    <message>
        <source>VPC ID</source>
        <translation>VPC ID</translation>
    </message>
    <message>
        <source>Endpoint ID</source>
        <translation>终端节点 ID</translation>
    </message>
    <message>
        <source>CRC32C</source>
        <translation>CRC32C</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决策</translation>
    </message>
</context>
<context>
    <name>pl::gui::DecodeBytesView</name>
    <message>
        <source>Paste a header: hex (0d0a0d0a 000d0a51 ...), base64, or text such as PROXY TCP4 192.0.2.1 198.51.100.1 5000 80\r\n</source>
        <translation>粘贴一个头：十六进制（0d0a0d0a 000d0a51 ...）、base64，或如 PROXY TCP4 192.0.2.1 198.51.100.1 5000 80\r\n 的文本</translation>
    </message>
    <message>
        <source>Auto-detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Base64</source>
        <translation>Base64</translation>
    </message>
    <message>
        <source>Text with \r \n \x escapes</source>
        <translation>带 \r \n \x 转义的文本</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Paste bytes above to decode them</source>
        <translation>在上方粘贴字节即可解码</translation>
    </message>
    <message>
        <source>The pasted text is not %1</source>
        <translation>粘贴的文本不是 %1</translation>
    </message>
    <message>
        <source>%1 bytes read as %2</source>
        <translation>按 %2 读取了 %1 字节</translation>
    </message>
</context>
<context>
    <name>pl::gui::FlowFindingDetailText</name>
    <message>
        <source>Rule 1, TCP flags: this interface sent a SYN without ACK, so it opened the connection.</source>
        <translation>规则 1，TCP 标志：该网卡发出了不带 ACK 的 SYN，因此是它发起了连接。</translation>
    </message>
    <message>
        <source>Rule 1, TCP flags: the peer answered with a SYN-ACK, so this interface opened the connection.</source>
        <translation>规则 1，TCP 标志：对端回复了 SYN-ACK，因此是该网卡发起了连接。</translation>
    </message>
    <message>
        <source>Rule 1, TCP flags: this interface sent a SYN-ACK: it answered (a response).</source>
        <translation>规则 1，TCP 标志：该网卡发出了 SYN-ACK：它在应答（响应）。</translation>
    </message>
    <message>
        <source>Rule 2, order: an inbound record of the flow started before every outbound one: the peer spoke first (a response).</source>
        <translation>规则 2，先后顺序：该流的入方向记录早于所有出方向记录开始：对端先发言（响应）。</translation>
    </message>
    <message>
        <source>Rule 3, ports: the destination port is a service port (below 1024, a listening port, or seen inbound on this interface) and the source port is ephemeral.</source>
        <translation>规则 3，端口：目的端口是服务端口（小于 1024、监听端口，或在该网卡的入方向出现过），源端口是临时端口。</translation>
    </message>
    <message>
        <source>Rule 3, ports: the source port is a service port and the destination port ephemeral (a response).</source>
        <translation>规则 3，端口：源端口是服务端口，目的端口是临时端口（响应）。</translation>
    </message>
    <message>
        <source>Rule 3, ports: both ports are low or both are high; judged a request with low confidence.</source>
        <translation>规则 3，端口：两个端口都低或都高；判为请求，置信度低。</translation>
    </message>
    <message>
        <source>Rule 4, ICMP: no inbound ICMP from that peer came first, so this is a request.</source>
        <translation>规则 4，ICMP：此前没有来自该对端的入方向 ICMP，因此这是请求。</translation>
    </message>
    <message>
        <source>Rule 4, ICMP: an inbound ICMP record from that peer came first (a reply).</source>
        <translation>规则 4，ICMP：来自该对端的入方向 ICMP 记录在先（应答）。</translation>
    </message>
    <message>
        <source>Outbound records rejected by a security group or network ACL: an attempt to reach a public address.</source>
        <translation>出方向记录被安全组或网络 ACL 拒绝：一次访问公网地址的尝试。</translation>
    </message>
    <message>
        <source>Your own %1 %2 in the same VPC (%3), from the inventory.</source>
        <translation>您自己的 %1 %2，位于同一 VPC（%3），来自资产清单。</translation>
    </message>
    <message>
        <source>Your own %1 %2 in %3 (another VPC), from the inventory.</source>
        <translation>您自己的 %1 %2，位于 %3（另一个 VPC），来自资产清单。</translation>
    </message>
    <message>
        <source>No loaded range covers the destination: a public address of unknown owner. Load provider ranges to identify it.</source>
        <translation>已加载的网段都不包含该目的地址：归属未知的公网地址。加载云厂商网段即可识别。</translation>
    </message>
    <message>
        <source>provider %1</source>
        <translation>厂商 %1</translation>
    </message>
    <message>
        <source>service unknown</source>
        <translation>服务未知</translation>
    </message>
    <message>
        <source>service %1</source>
        <translation>服务 %1</translation>
    </message>
    <message>
        <source>region %1</source>
        <translation>地域 %1</translation>
    </message>
    <message>
        <source>label %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>A cloud provider&apos;s range: %1.</source>
        <translation>属于云厂商的网段：%1。</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Why it was judged a request</source>
        <translation>为何判为请求</translation>
    </message>
    <message>
        <source>%1 flow(s)</source>
        <translation>%1 个流</translation>
    </message>
    <message>
        <source>Who owns the destination</source>
        <translation>目的地址归属</translation>
    </message>
    <message>
        <source>%1 distinct address(es), e.g. %2</source>
        <translation>%1 个不同地址，例如 %2</translation>
    </message>
    <message>
        <source>instance %1</source>
        <translation>实例 %1</translation>
    </message>
    <message>
        <source>ENI %1</source>
        <translation>网卡 %1</translation>
    </message>
    <message>
        <source>VPC %1</source>
        <translation>VPC %1</translation>
    </message>
    <message>
        <source>address %1</source>
        <translation>地址 %1</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>Sample records</source>
        <translation>样本记录</translation>
    </message>
    <message>
        <source>(not read back)</source>
        <translation>（未能读回）</translation>
    </message>
    <message>
        <source>Rule 3 as the query applied it: a row of an aggregated query result, which keeps no source port or TCP flags. The query dropped SYN-ACKs and traffic from a service port to an ephemeral one; high confidence when the destination port is a service port.</source>
        <translation>规则 3（由查询应用）：这是聚合查询结果中的一行，不含源端口和 TCP 标志。查询已去掉 SYN-ACK 以及从服务端口发往临时端口的流量；目的端口为服务端口时置信度为高。</translation>
    </message>
    <message>
        <source>No rule could decide: no SYN or SYN-ACK, no inbound record before the outbound ones, and no ports rule 3 reads (TCP and UDP): judged a request with low confidence.</source>
        <translation>没有规则能够判定：没有 SYN 或 SYN-ACK，出方向记录之前没有入方向记录，也没有规则 3 可读的端口（TCP 和 UDP）：按请求处理，置信度为低。</translation>
    </message>
    <message>
        <source>Rule 3, ports: neither port is a known service port; the one in the ephemeral range (32768 and up) is taken for the client&apos;s, with low confidence.</source>
        <translation>规则 3，端口：两个端口都不是已知的服务端口；位于临时端口范围（32768 及以上）的一端视为客户端，置信度低。</translation>
    </message>
    <message>
        <source>%1 flow(s), %2 record(s), %3 packet(s), %4 out to port %5/%6, %7 to %8 UTC, confidence %9.</source>
        <translation>%1 个流，%2 条记录，%3 个包，发出 %4，目的端口 %5/%6，%7 至 %8（UTC），置信度%9。</translation>
    </message>
    <message>
        <source>The answers: %1 in, %2 packet(s) (accepted inbound records of the same flows).</source>
        <translation>应答：收到 %1，%2 个包（同一流中被接受的入方向记录）。</translation>
    </message>
    <message>
        <source>The answers: unknown (the query&apos;s rows do not give them: no packets-in, bytes-in).</source>
        <translation>应答：未知（查询结果的行没有给出应答：没有 packets-in、bytes-in）。</translation>
    </message>
</context>
<context>
    <name>pl::gui::FlowFindingModel</name>
    <message>
        <source>Gateway endpoint</source>
        <translation>网关终端节点</translation>
    </message>
    <message>
        <source>Interface endpoint</source>
        <translation>接口终端节点</translation>
    </message>
    <message>
        <source>PrivateLink between VPCs</source>
        <translation>VPC 间 PrivateLink</translation>
    </message>
    <message>
        <source>Hairpin via public IP</source>
        <translation>经公网 IP 绕回</translation>
    </message>
    <message>
        <source>Internet egress</source>
        <translation>公网出流量</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>own %1</source>
        <translation>自有 %1</translation>
    </message>
    <message>
        <source>%1 (service unknown)</source>
        <translation>%1（服务未知）</translation>
    </message>
    <message>
        <source>Internet</source>
        <translation>公网</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>VPC</source>
        <translation>VPC</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>流</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>First seen (UTC)</source>
        <translation>首次出现（UTC）</translation>
    </message>
    <message>
        <source>Last seen (UTC)</source>
        <translation>最后出现（UTC）</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>%1 bytes out (the requests)</source>
        <translation>发出 %1 字节（请求）</translation>
    </message>
    <message>
        <source>%1 bytes in (the answers)</source>
        <translation>收到 %1 字节（应答）</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>In</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>Bytes in unknown: the query&apos;s rows do not give their answers (packets-in, bytes-in)</source>
        <translation>收到的字节数未知：查询结果的行没有给出应答（packets-in、bytes-in）</translation>
    </message>
</context>
<context>
    <name>pl::gui::FlowLogInputsText</name>
    <message>
        <source>flow log</source>
        <translation>流日志</translation>
    </message>
    <message>
        <source>CIDR ranges</source>
        <translation>CIDR 网段</translation>
    </message>
    <message>
        <source>inventory</source>
        <translation>资产清单</translation>
    </message>
    <message>
        <source>AWS ip-ranges.json</source>
        <translation>AWS ip-ranges.json 文件</translation>
    </message>
    <message>
        <source>Alibaba Cloud public IPs</source>
        <translation>阿里云公网 IP</translation>
    </message>
</context>
<context>
    <name>pl::gui::FlowLogView</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Flo&amp;w logs</source>
        <translation>流日志(&amp;W)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open VPC flow logs (Flow logs &gt; Open logs, or drop files here), with the CIDR ranges, inventory or ip-ranges.json that name their destinations. Select a finding to see why its traffic was judged a request and who owns the destination.</source>
        <translation>打开 VPC 流日志（流日志 &gt; 打开日志，或把文件拖到这里），并加上标明目的地址归属的 CIDR 网段、资产清单或 ip-ranges.json。选中一条发现，即可看到其流量为何被判为请求以及目的地址归谁所有。</translation>
    </message>
    <message>
        <source>Bytes per instance</source>
        <translation>各实例字节数</translation>
    </message>
    <message>
        <source>Bytes per destination service</source>
        <translation>各目的服务字节数</translation>
    </message>
    <message>
        <source>e.g. 8080, 9000</source>
        <translation>例如 8080, 9000</translation>
    </message>
    <message>
        <source>Ports the instances serve on, for the port rule (rule 3); applied on the next run.</source>
        <translation>实例提供服务的端口，供端口规则（规则 3）使用；下次运行时生效。</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>Listening ports:</source>
        <translation>监听端口：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Copy query</source>
        <translation>复制查询</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>%1 records · %p%</source>
        <translation>%1 条记录 · %p%</translation>
    </message>
    <message>
        <source>&amp;Open logs...</source>
        <translation>打开日志(&amp;O)...</translation>
    </message>
    <message>
        <source>&amp;Add ranges or inventory...</source>
        <translation>添加网段或资产清单(&amp;A)...</translation>
    </message>
    <message>
        <source>Re&amp;run check</source>
        <translation>重新检查(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Clear inputs</source>
        <translation>清空输入(&amp;C)</translation>
    </message>
    <message>
        <source>Export findings as &amp;CSV...</source>
        <translation>将发现导出为 &amp;CSV...</translation>
    </message>
    <message>
        <source>Export findings as &amp;Markdown...</source>
        <translation>将发现导出为 &amp;Markdown...</translation>
    </message>
    <message>
        <source>Export findings as &amp;JSON Lines...</source>
        <translation>将发现导出为 &amp;JSON Lines...</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export findings</source>
        <translation>导出发现</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Copy &amp;SLS query</source>
        <translation>复制 &amp;SLS 查询</translation>
    </message>
    <message>
        <source>Copy A&amp;thena query</source>
        <translation>复制 A&amp;thena 查询</translation>
    </message>
    <message>
        <source>Open flow logs</source>
        <translation>打开流日志</translation>
    </message>
    <message>
        <source>Add ranges or inventory</source>
        <translation>添加网段或资产清单</translation>
    </message>
    <message>
        <source>Ranges, inventory, ip-ranges.json (*.csv *.json *.txt);;All files (*)</source>
        <translation>网段、资产清单、ip-ranges.json (*.csv *.json *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Listening ports: &apos;%1&apos; is not a list of port numbers</source>
        <translation>监听端口：“%1”不是端口号列表</translation>
    </message>
    <message>
        <source>Open flow logs to run the check</source>
        <translation>打开流日志以运行检查</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>正在检查 %1</translation>
    </message>
    <message>
        <source>Check cancelled; the previous results are kept</source>
        <translation>检查已取消；保留之前的结果</translation>
    </message>
    <message>
        <source>no such file or directory: %1</source>
        <translation>文件或目录不存在：%1</translation>
    </message>
    <message>
        <source>%1 malformed line(s), first: %2</source>
        <translation>%1 行格式错误，第一行：%2</translation>
    </message>
    <message>
        <source>%1 SKIPDATA window(s): records were skipped there (first at %2)</source>
        <translation>%1 个 SKIPDATA 时间窗：其中的记录被跳过（第一个在 %2）</translation>
    </message>
    <message>
        <source>%1: %2 findings</source>
        <translation>%1：%2 条发现</translation>
    </message>
    <message>
        <source>All instances</source>
        <translation>全部实例</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>全部服务</translation>
    </message>
    <message>
        <source>All VPCs</source>
        <translation>全部 VPC</translation>
    </message>
    <message>
        <source>%1 of %2 findings</source>
        <translation>%1 / %2 条发现</translation>
    </message>
    <message>
        <source>SLS query copied: paste it after the search in the logstore</source>
        <translation>SLS 查询已复制：粘贴到日志库的搜索语句之后</translation>
    </message>
    <message>
        <source>Athena query copied: run it over your flow-log table</source>
        <translation>Athena 查询已复制：在您的流日志表上运行</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Logs: %1 · Owners: %2</source>
        <translation>日志：%1 · 归属：%2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>built-in private ranges only</source>
        <translation>仅内置私网网段</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Flow state kept in memory; beyond it flows go to temporary files (slower, but memory stays bounded). Applied on the next run.</source>
        <translation>保留在内存中的流状态；超出部分的流写入临时文件（较慢，但内存有上限）。下次运行时生效。</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>内存：</translation>
    </message>
    <message>
        <source>Flow state beyond the memory budget went through temporary files: %1.</source>
        <translation>超出内存预算的流状态已经过临时文件：%1。</translation>
    </message>
    <message>
        <source>Flow-log files or directories: Alibaba SLS JSON Lines or CSV, AWS text; plain, gzip, zstd or LZ4</source>
        <translation>流日志文件或目录：阿里云 SLS JSON Lines 或 CSV、AWS 文本；未压缩、gzip、zstd 或 LZ4</translation>
    </message>
    <message>
        <source>Flow logs (*.jsonl *.json *.csv *.txt *.log *.gz *.zst *.lz4);;All files (*)</source>
        <translation>流日志 (*.jsonl *.json *.csv *.txt *.log *.gz *.zst *.lz4);;所有文件 (*)</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>提示：%1</translation>
    </message>
    <message>
        <source>no file in directory: %1</source>
        <translation>目录中没有文件：%1</translation>
    </message>
    <message>
        <source>%1 flow(s) (%2) already go through a gateway endpoint: not counted.</source>
        <translation>%1 个流（%2）已经经过网关终端节点：不计入。</translation>
    </message>
    <message>
        <source>%1 record(s) between two public addresses without a direction field ignored.</source>
        <translation>%1 条两端均为公网地址且没有方向字段的记录已忽略。</translation>
    </message>
    <message>
        <source>%1 flow(s) (%2) logged again by a NAT gateway: counted once.</source>
        <translation>%1 个流（%2）被 NAT 网关重复记录：只计一次。</translation>
    </message>
    <message>
        <source>%1 records in %2 file(s); %3 flows to public addresses: %4 requests, %5 responses dropped, %6 rejected. Could move to private paths: &lt;b&gt;%7 out, %8 in&lt;/b&gt;. %9 ownership prefixes loaded.</source>
        <translation>%2 个文件中共 %1 条记录；%3 个流访问公网地址：%4 个请求，%5 个响应已排除，%6 个被拒绝。可改走私网路径：&lt;b&gt;发出 %7，收到 %8&lt;/b&gt;。已加载 %9 个归属网段。</translation>
    </message>
    <message>
        <source>the loaded logs have %1 formats</source>
        <translation>载入的日志有 %1 种格式</translation>
    </message>
    <message>
        <source>the loaded log&apos;s format lacks %1</source>
        <translation>载入日志的格式缺少 %1</translation>
    </message>
    <message>
        <source>Athena query copied, for a table with the loaded log&apos;s %1 fields as columns: run it over your flow-log table</source>
        <translation>已复制 Athena 查询，适用于以载入日志的 %1 个字段为列的表：在您的流日志表上运行</translation>
    </message>
    <message>
        <source>Athena query copied, for the standard table (%1): run it over your flow-log table</source>
        <translation>已复制 Athena 查询，适用于标准表（%1）：在您的流日志表上运行</translation>
    </message>
</context>
<context>
    <name>pl::gui::HeaderInspector</name>
    <message>
        <source>PROXY v%1 %2 · %3</source>
        <translation>PROXY v%1 %2 · %3</translation>
    </message>
    <message>
        <source> · %1 bytes</source>
        <translation> · %1 字节</translation>
    </message>
    <message>
        <source> · CRC32C %1</source>
        <translation> · CRC32C %1</translation>
    </message>
    <message>
        <source>Not a decodable PROXY header</source>
        <translation>不是可解码的 PROXY 头</translation>
    </message>
    <message>
        <source>No header selected</source>
        <translation>未选择头</translation>
    </message>
    <message>
        <source>%1 at byte %2: %3</source>
        <translation>%1，位于第 %2 字节：%3</translation>
    </message>
    <message>
        <source>No errors or warnings</source>
        <translation>没有错误或警告</translation>
    </message>
</context>
<context>
    <name>pl::gui::HexView</name>
    <message>
        <source>No bytes to show</source>
        <translation>没有可显示的字节</translation>
    </message>
</context>
<context>
    <name>pl::gui::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>Applies after a restart</source>
        <translation>重新启动后生效</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language applies the next time PrivateLink Inspector starts.</source>
        <translation>新的语言将在下次启动 PrivateLink Inspector 时生效。</translation>
    </message>
</context>
<context>
    <name>pl::gui::ListenerRecordModel</name>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>应答</translation>
    </message>
</context>
<context>
    <name>pl::gui::ListenerView</name>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>0 picks a free port</source>
        <translation>0 表示自动选择空闲端口</translation>
    </message>
    <message>
        <source>Loopback by default; binding other addresses exposes the listener to the network</source>
        <translation>默认仅环回地址；绑定其他地址会把监听器暴露在网络上</translation>
    </message>
    <message>
        <source>v1 or v2</source>
        <translation>v1 或 v2</translation>
    </message>
    <message>
        <source>require v2</source>
        <translation>要求 v2</translation>
    </message>
    <message>
        <source>require v1</source>
        <translation>要求 v1</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>HTTP 200 with a summary</source>
        <translation>返回带摘要的 HTTP 200</translation>
    </message>
    <message>
        <source>close</source>
        <translation>关闭连接</translation>
    </message>
    <message>
        <source>echo</source>
        <translation>回显</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>绑定地址</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>应答</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <source>Stopped. Start the listener, then send it headers: plinspect send 127.0.0.1:PORT --src ... --dst ...</source>
        <translation>已停止。启动监听器后向它发送头：plinspect send 127.0.0.1:PORT --src ... --dst ...</translation>
    </message>
    <message>
        <source>No connection yet</source>
        <translation>尚无连接</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address</source>
        <translation>“%1”不是 IP 地址</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Listening on %1 · %2 connections · %3 headers · %4 without · %5 garbage · %6 truncated · %7 refused over limits</source>
        <translation>正在监听 %1 · %2 个连接 · %3 个头 · %4 个无头 · %5 个无效数据 · %6 个被截断 · %7 个因超限被拒绝</translation>
    </message>
    <message>
        <source>No PROXY header on this connection</source>
        <translation>此连接没有 PROXY 头</translation>
    </message>
</context>
<context>
    <name>pl::gui::LiveCaptureDialog</name>
    <message>
        <source>Start live capture</source>
        <translation>开始实时抓包</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>接口</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>A BPF capture filter, as for tcpdump; empty captures everything</source>
        <translation>BPF 抓包过滤器，写法与 tcpdump 相同；留空则抓取全部</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Capture filter:</source>
        <translation>抓包过滤器：</translation>
    </message>
    <message>
        <source>Snap length:</source>
        <translation>截断长度：</translation>
    </message>
    <message>
        <source>Interfaces:</source>
        <translation>接口：</translation>
    </message>
    <message>
        <source>loopback</source>
        <translation>回环</translation>
    </message>
    <message>
        <source>up</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>down</source>
        <translation>未启用</translation>
    </message>
    <message>
        <source>Cannot list interfaces: %1</source>
        <translation>无法列出接口：%1</translation>
    </message>
    <message>
        <source>No filter: every packet is read</source>
        <translation>无过滤器：读取所有数据包</translation>
    </message>
    <message>
        <source>Filter is valid</source>
        <translation>过滤器有效</translation>
    </message>
    <message>
        <source>Invalid filter: %1</source>
        <translation>过滤器无效：%1</translation>
    </message>
</context>
<context>
    <name>pl::gui::MainWindow</name>
    <message>
        <source>PrivateLink Inspector</source>
        <translation>PrivateLink Inspector</translation>
    </message>
    <message>
        <source>Captures</source>
        <translation>抓包</translation>
    </message>
    <message>
        <source>Decode bytes</source>
        <translation>解码字节</translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>监听器</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Vendor: auto-detect</source>
        <translation>厂商：自动识别</translation>
    </message>
    <message>
        <source>No vendor TLVs</source>
        <translation>不解析厂商 TLV</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open capture...</source>
        <translation>打开抓包文件(&amp;O)...</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>重新加载(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>导出(&amp;E)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Filter connections</source>
        <translation>过滤连接(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Next finding</source>
        <translation>下一个问题(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous finding</source>
        <translation>上一个问题(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About PrivateLink Inspector</source>
        <translation>关于 PrivateLink Inspector(&amp;A)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>%1 - PrivateLink Inspector</source>
        <translation>%1 - PrivateLink Inspector</translation>
    </message>
    <message>
        <source>Open capture</source>
        <translation>打开抓包文件</translation>
    </message>
    <message>
        <source>Captures (*.pcap *.pcapng *.cap);;All files (*)</source>
        <translation>抓包文件 (*.pcap *.pcapng *.cap);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Connections as JSON Lines (*.jsonl)</source>
        <translation>连接，JSON Lines 格式 (*.jsonl)</translation>
    </message>
    <message>
        <source>Connections as CSV (*.csv)</source>
        <translation>连接，CSV 格式 (*.csv)</translation>
    </message>
    <message>
        <source>Selected header breakdown as Markdown (*.md)</source>
        <translation>所选头的逐字节解析，Markdown 格式 (*.md)</translation>
    </message>
    <message>
        <source>Selected header as hex (*.hex)</source>
        <translation>所选头，十六进制 (*.hex)</translation>
    </message>
    <message>
        <source>Selected header as binary (*.bin)</source>
        <translation>所选头，二进制 (*.bin)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>About PrivateLink Inspector</source>
        <translation>关于 PrivateLink Inspector</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PrivateLink Inspector %1&lt;/h3&gt;&lt;p&gt;Inspect, simulate and test PROXY protocol v1/v2 headers from cloud PrivateLink and network load balancers: Alibaba Cloud, AWS, Azure and Google Cloud.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PrivateLink Inspector %1&lt;/h3&gt;&lt;p&gt;检查、模拟和测试来自云上私网连接 PrivateLink 与网络型负载均衡的 PROXY 协议 v1/v2 头：阿里云、AWS、Azure 和 Google Cloud。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Alibaba Cloud</source>
        <translation>阿里云</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Open &amp;policy...</source>
        <translation>打开策略(&amp;P)...</translation>
    </message>
    <message>
        <source>Open policy</source>
        <translation>打开策略</translation>
    </message>
    <message>
        <source>Policies (*.json);;All files (*)</source>
        <translation>策略 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>&amp;Save policy as...</source>
        <translation>策略另存为(&amp;S)...</translation>
    </message>
    <message>
        <source>Save policy</source>
        <translation>保存策略</translation>
    </message>
    <message>
        <source>Policies (*.json)</source>
        <translation>策略 (*.json)</translation>
    </message>
    <message>
        <source>Open recent polic&amp;y</source>
        <translation>最近打开的策略(&amp;Y)</translation>
    </message>
    <message>
        <source>Flow logs</source>
        <translation>流日志</translation>
    </message>
    <message>
        <source>Install &amp;Wireshark plugin...</source>
        <translation>安装 Wireshark 插件(&amp;W)...</translation>
    </message>
    <message>
        <source>Wireshark plugin</source>
        <translation>Wireshark 插件</translation>
    </message>
    <message>
        <source>Could not install the plugin: %1</source>
        <translation>无法安装插件：%1</translation>
    </message>
    <message>
        <source>Installed %1.

Restart Wireshark: PROXY headers then show a &quot;pl&quot; tree with the Alibaba Cloud VPC and endpoint IDs, the AWS, Azure and Google Cloud IDs and the CRC32C verdict, as filterable fields, e.g. pl.vpc_id == &quot;vpc-...&quot; or pl.crc32c == &quot;invalid&quot;.</source>
        <translation>已安装 %1。

请重启 Wireshark：PROXY 头部随后会显示 &quot;pl&quot; 树，包含阿里云 VPC ID 和终端节点 ID、AWS、Azure 和 Google Cloud 的 ID 以及 CRC32C 校验结论，均为可筛选字段，例如 pl.vpc_id == &quot;vpc-...&quot; 或 pl.crc32c == &quot;invalid&quot;。</translation>
    </message>
</context>
<context>
    <name>pl::gui::PolicyExportDialog</name>
    <message>
        <source>The listener serves only HTTP (nginx-njs)</source>
        <translation>监听器只服务 HTTP（nginx-njs）</translation>
    </message>
    <message>
        <source>Save to folder...</source>
        <translation>保存到文件夹...</translation>
    </message>
    <message>
        <source>Check against backend</source>
        <translation>对照后端检查</translation>
    </message>
    <message>
        <source>Export for backend</source>
        <translation>导出到后端</translation>
    </message>
    <message>
        <source>Test case</source>
        <translation>测试用例</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>模拟结果</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>实际结果</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>上游</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>Send each test case of the Policy view to the running backend and compare its answer with the simulated decision</source>
        <translation>将策略视图中的每个测试用例发送到正在运行的后端，并将其应答与模拟决策进行比较</translation>
    </message>
    <message>
        <source>Save the configuration</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <source>Listen on: give ADDRESS:PORT</source>
        <translation>监听地址：请填写 ADDRESS:PORT</translation>
    </message>
    <message>
        <source>Upstream: give ADDRESS:PORT</source>
        <translation>上游：请填写 ADDRESS:PORT</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>拒绝：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Every statement is enforced.</source>
        <translation>所有语句均已执行。</translation>
    </message>
    <message>
        <source>Nothing to save: the target refuses part of the policy.</source>
        <translation>无可保存内容：目标拒绝了策略的一部分。</translation>
    </message>
    <message>
        <source>Backend: give ADDRESS:PORT</source>
        <translation>后端：请填写 ADDRESS:PORT</translation>
    </message>
    <message>
        <source>Load test cases in the Policy view first.</source>
        <translation>请先在策略视图中加载测试用例。</translation>
    </message>
    <message>
        <source>agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source> (as typed: %1)</source>
        <translation>（按输入：%1）</translation>
    </message>
    <message>
        <source>Not sent, no header carries them: %1</source>
        <translation>未发送，没有头部能携带它们：%1</translation>
    </message>
</context>
<context>
    <name>pl::gui::PolicyView</name>
    <message>
        <source>Export for backend...</source>
        <translation>导出到后端...</translation>
    </message>
    <message>
        <source>Generate the nginx, OpenResty or HAProxy configuration that enforces this policy, and check a running backend with it</source>
        <translation>生成执行此策略的 nginx、OpenResty 或 HAProxy 配置，并用它检查正在运行的后端</translation>
    </message>
    <message>
        <source>Use selected capture connection</source>
        <translation>使用抓包中选中的连接</translation>
    </message>
    <message>
        <source>Evaluate the whole capture</source>
        <translation>评估整个抓包</translation>
    </message>
    <message>
        <source>Templates...</source>
        <translation>模板...</translation>
    </message>
    <message>
        <source>Sample: login only through the production endpoint</source>
        <translation>示例：/login 只允许经生产终端节点访问</translation>
    </message>
    <message>
        <source>Only /login through endpoint X (backend rule on TLV 0xE1/0x02)</source>
        <translation>/login 只允许经终端节点 X 访问（后端依据 TLV 0xE1/0x02 判断）</translation>
    </message>
    <message>
        <source>This account only from VPC Y (acs:SourceVpc)</source>
        <translation>本账号只允许从专有网络 VPC Y 访问（acs:SourceVpc）</translation>
    </message>
    <message>
        <source>Own-account principals only through this endpoint</source>
        <translation>本账号主体只允许经此终端节点访问</translation>
    </message>
    <message>
        <source>Writes only from a VPC</source>
        <translation>写操作只允许来自专有网络 VPC</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>期望值</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Statement / decision</source>
        <translation>语句 / 决策</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>命中次数</translation>
    </message>
    <message>
        <source>Request (JSON)</source>
        <translation>请求（JSON）</translation>
    </message>
    <message>
        <source>Unsaved policy</source>
        <translation>策略未保存</translation>
    </message>
    <message>
        <source>The policy has unsaved changes. Save them?</source>
        <translation>策略有未保存的修改，是否保存？</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>&lt;b&gt;The request is not a JSON object&lt;/b&gt; (%1)</source>
        <translation>&lt;b&gt;请求不是 JSON 对象&lt;/b&gt;（%1）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Request:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;请求：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>%1 %2 (line %3): %4</source>
        <translation>%1 %2（第 %3 行）：%4</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>does not match</source>
        <translation>不匹配</translation>
    </message>
    <message>
        <source>Select a connection in the Captures view first</source>
        <translation>请先在“抓包”视图中选择一个连接</translation>
    </message>
    <message>
        <source>Open a capture (and let it finish loading) first</source>
        <translation>请先打开抓包文件（并等待加载完成）</translation>
    </message>
    <message>
        <source>%1 %2%3</source>
        <translation>%1 %2%3</translation>
    </message>
    <message>
        <source> (never hit)</source>
        <translation>（从未命中）</translation>
    </message>
    <message>
        <source>Test case</source>
        <translation>测试用例</translation>
    </message>
    <message>
        <source>Got</source>
        <translation>实际结果</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Capture run</source>
        <translation>抓包评估</translation>
    </message>
    <message>
        <source>Test cases</source>
        <translation>测试用例</translation>
    </message>
    <message>
        <source>Diff</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Test cases...</source>
        <translation>测试用例...</translation>
    </message>
    <message>
        <source>Diff against...</source>
        <translation>与旧版本比较...</translation>
    </message>
    <message>
        <source>Load a test-case table (JSON or CSV); pass/fail follows every edit</source>
        <translation>加载测试用例表（JSON 或 CSV）；每次编辑后自动更新通过/失败</translation>
    </message>
    <message>
        <source>Compare an older version of the policy with this one over the test cases and the capture</source>
        <translation>在测试用例和抓包上比较策略的旧版本与当前版本</translation>
    </message>
    <message>
        <source>Test cases (*.json *.csv)</source>
        <translation>测试用例 (*.json *.csv)</translation>
    </message>
    <message>
        <source>Older policy</source>
        <translation>旧版本策略</translation>
    </message>
    <message>
        <source>Policies (*.json)</source>
        <translation>策略 (*.json)</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Test cases: %1 passed, %2 failed</source>
        <translation>测试用例：%1 个通过，%2 个失败</translation>
    </message>
    <message>
        <source>frame %1 %2</source>
        <translation>第 %1 帧 %2</translation>
    </message>
    <message>
        <source>Diff: %1 of %2 change</source>
        <translation>差异：%2 个中有 %1 个变化</translation>
    </message>
    <message>
        <source>larger than the %1 MiB limit for a policy</source>
        <translation>超过策略文件 %1 MiB 的上限</translation>
    </message>
    <message>
        <source>&lt;b&gt;The policy has errors&lt;/b&gt;: fix those below it</source>
        <translation>&lt;b&gt;策略有错误&lt;/b&gt;：请先修正下方列出的错误</translation>
    </message>
    <message>
        <source>The policy in the editor has errors</source>
        <translation>编辑器中的策略有错误</translation>
    </message>
    <message>
        <source>Cancel the evaluation</source>
        <translation>取消评估</translation>
    </message>
    <message>
        <source>Evaluating the capture: %1 of %2 connections</source>
        <translation>正在评估抓包：%1 / %2 个连接</translation>
    </message>
    <message>
        <source>Evaluation cancelled: the Decision column is unchanged</source>
        <translation>评估已取消：“决策”列未改变</translation>
    </message>
    <message>
        <source>The capture changed during the evaluation: its decisions were discarded</source>
        <translation>评估期间抓包已更改：其决策已丢弃</translation>
    </message>
    <message>
        <source>Evaluated %1 connections</source>
        <translation>已评估 %1 个连接</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
</context>
<context>
    <name>pl::policy::PolicyText</name>
    <message>
        <source>missing context: key absent, so the negated operator is true</source>
        <translation>缺少上下文：键不存在，因此否定运算符为真</translation>
    </message>
    <message>
        <source>missing context: key absent, so the operator is false</source>
        <translation>缺少上下文：键不存在，因此运算符为假</translation>
    </message>
    <message>
        <source>key absent: ...IfExists is true</source>
        <translation>键不存在：...IfExists 为真</translation>
    </message>
    <message>
        <source>the request value is not valid for this operator</source>
        <translation>请求中的值对此运算符无效</translation>
    </message>
    <message>
        <source>none of the policy values is valid for this operator</source>
        <translation>策略中的值对此运算符均无效</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>no statement allowed the request</source>
        <translation>没有语句允许此请求</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>由 %1</translation>
    </message>
    <message>
        <source>matched</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>not matched</source>
        <translation>不匹配</translation>
    </message>
    <message>
        <source>decisive</source>
        <translation>起决定作用</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>（不存在）</translation>
    </message>
    <message>
        <source>missing context: %1</source>
        <translation>缺少上下文：%1</translation>
    </message>
    <message>
        <source>the Statement list is empty: every request is denied implicitly</source>
        <translation>Statement 列表为空：所有请求都会被隐式拒绝</translation>
    </message>
    <message>
        <source>RAM policies use Version &quot;1&quot;, not &quot;%1&quot;</source>
        <translation>RAM 策略使用 Version &quot;1&quot;，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>IAM policies use Version &quot;2012-10-17&quot;, not &quot;%1&quot;</source>
        <translation>IAM 策略使用 Version &quot;2012-10-17&quot;，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>key &quot;%1&quot; is written twice in the same object (%2); JSON keeps only the last one</source>
        <translation>键“%1”在同一对象中出现两次（%2）；JSON 只保留最后一个</translation>
    </message>
    <message>
        <source>statement #%1 repeats the Sid &quot;%2&quot; of statement #%3 (line %4); Sids must be unique</source>
        <translation>语句 #%1 重复了语句 #%3（第 %4 行）的 Sid“%2”；Sid 必须唯一</translation>
    </message>
    <message>
        <source>statement %1: empty %2 list, it never matches</source>
        <translation>语句 %1：%2 列表为空，永远不会匹配</translation>
    </message>
    <message>
        <source>statement %1: NotAction &quot;*&quot; excludes every action, it never matches</source>
        <translation>语句 %1：NotAction &quot;*&quot; 排除了所有操作，永远不会匹配</translation>
    </message>
    <message>
        <source>statement %1: NotResource &quot;*&quot; excludes every resource, it never matches</source>
        <translation>语句 %1：NotResource &quot;*&quot; 排除了所有资源，永远不会匹配</translation>
    </message>
    <message>
        <source>statement %1 has no Resource: it applies to every resource</source>
        <translation>语句 %1 没有 Resource：它适用于所有资源</translation>
    </message>
    <message>
        <source>statement %1: Principal kind &quot;%2&quot; belongs to the other dialect</source>
        <translation>语句 %1：Principal 类型 &quot;%2&quot; 属于另一种策略语法</translation>
    </message>
    <message>
        <source>statement %1 allows any principal (&quot;*&quot;) without a condition</source>
        <translation>语句 %1 无条件允许任意主体（&quot;*&quot;）</translation>
    </message>
    <message>
        <source>%1 is not valid in RAM (acs) policies: RAM has no ...IfExists and no Null</source>
        <translation>%1 在 RAM（acs）策略中无效：RAM 没有 ...IfExists，也没有 Null</translation>
    </message>
    <message>
        <source>unknown condition key %1: no request will carry it unless typed</source>
        <translation>未知的条件键 %1：除非手动输入，否则没有请求会携带它</translation>
    </message>
    <message>
        <source>%1 is a key of the %2 dialect, this policy is %3</source>
        <translation>%1 是 %2 语法的键，而此策略是 %3</translation>
    </message>
    <message>
        <source>no traffic source provides %1; only a typed request does</source>
        <translation>没有任何流量来源提供 %1；只有手动输入的请求才有</translation>
    </message>
    <message>
        <source>%1 cannot use the value &quot;%2&quot;</source>
        <translation>%1 不能使用值 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>a CIDR under %1 has host bits set; they are ignored</source>
        <translation>%1 下的一个 CIDR 设置了主机位；这些位将被忽略</translation>
    </message>
    <message>
        <source>%1 compares &quot;%2&quot; literally; use StringLike for wildcards</source>
        <translation>%1 按字面比较 &quot;%2&quot;；通配符请使用 StringLike</translation>
    </message>
    <message>
        <source>%1 on %2, which is %3 (%4)</source>
        <translation>%1 作用于 %2，而它是 %3（%4）</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>not a date</source>
        <translation>不是日期</translation>
    </message>
    <message>
        <source>not a boolean</source>
        <translation>不是布尔值</translation>
    </message>
    <message>
        <source>not an IP address</source>
        <translation>不是 IP 地址</translation>
    </message>
    <message>
        <source>statement %1 can never match: no value of %2 %3 is valid</source>
        <translation>语句 %1 永远不会匹配：%2 %3 的值都无效</translation>
    </message>
    <message>
        <source>statement %1 can never match: Null says %2 is absent, %3 needs it</source>
        <translation>语句 %1 永远不会匹配：Null 要求 %2 不存在，而 %3 需要它</translation>
    </message>
    <message>
        <source>statement %1 can never match: %2 both requires and excludes the same values</source>
        <translation>语句 %1 永远不会匹配：%2 同时要求并排除了相同的值</translation>
    </message>
    <message>
        <source>statement %1 can never allow: statement %2 denies everything</source>
        <translation>语句 %1 永远不会允许：语句 %2 拒绝一切</translation>
    </message>
    <message>
        <source>%1 %2 does not match %3</source>
        <translation>%1 %2 与 %3 不匹配</translation>
    </message>
    <message>
        <source>%1 %2 expects %3, actual %4</source>
        <translation>%1 %2 期望 %3，实际为 %4</translation>
    </message>
    <message>
        <source>before: %1</source>
        <translation>之前：%1</translation>
    </message>
    <message>
        <source>after: %1</source>
        <translation>之后：%1</translation>
    </message>
    <message>
        <source>statement %1 is gone</source>
        <translation>语句 %1 已删除</translation>
    </message>
    <message>
        <source>statement %1 no longer matches: %2</source>
        <translation>语句 %1 不再匹配：%2</translation>
    </message>
    <message>
        <source>statement %1 is new</source>
        <translation>语句 %1 是新增的</translation>
    </message>
    <message>
        <source>statement %1 now matches</source>
        <translation>语句 %1 现在匹配</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>应为字符串</translation>
    </message>
    <message>
        <source>a statement has either %1 or %2, not both</source>
        <translation>一条语句只能有 %1 或 %2 之一，不能同时有</translation>
    </message>
    <message>
        <source>Condition must be an object of operator: {key: values}</source>
        <translation>Condition 必须是由 运算符: {键: 值} 组成的对象</translation>
    </message>
    <message>
        <source>unknown condition operator &quot;%1&quot;</source>
        <translation>未知的条件运算符“%1”</translation>
    </message>
    <message>
        <source>operator %1 needs an object {key: values}</source>
        <translation>运算符 %1 需要一个 {键: 值} 对象</translation>
    </message>
    <message>
        <source>operator %1 names no key</source>
        <translation>运算符 %1 没有指定键</translation>
    </message>
    <message>
        <source>condition key %1 has no values</source>
        <translation>条件键 %1 没有值</translation>
    </message>
    <message>
        <source>a statement must be an object</source>
        <translation>语句必须是对象</translation>
    </message>
    <message>
        <source>unknown statement element &quot;%1&quot;</source>
        <translation>未知的语句元素“%1”</translation>
    </message>
    <message>
        <source>Sid must be a string</source>
        <translation>Sid 必须是字符串</translation>
    </message>
    <message>
        <source>statement has no Effect (Allow or Deny)</source>
        <translation>语句没有 Effect（Allow 或 Deny）</translation>
    </message>
    <message>
        <source>Effect must be &quot;Allow&quot; or &quot;Deny&quot;, not %1</source>
        <translation>Effect 必须是 &quot;Allow&quot; 或 &quot;Deny&quot;，而不是 %1</translation>
    </message>
    <message>
        <source>statement has no Action or NotAction</source>
        <translation>语句没有 Action 或 NotAction</translation>
    </message>
    <message>
        <source>unknown policy element &quot;%1&quot;</source>
        <translation>未知的策略元素“%1”</translation>
    </message>
    <message>
        <source>Version must be a string</source>
        <translation>Version 必须是字符串</translation>
    </message>
    <message>
        <source>policy has no Statement</source>
        <translation>策略没有 Statement</translation>
    </message>
    <message>
        <source>a policy is a JSON object</source>
        <translation>策略必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>larger than the %1 MiB limit for a policy</source>
        <translation>超过策略文件 %1 MiB 的上限</translation>
    </message>
    <message>
        <source>typed by user</source>
        <translation>由用户输入</translation>
    </message>
    <message>
        <source>payload bytes %1..%2</source>
        <translation>载荷字节 %1..%2</translation>
    </message>
    <message>
        <source>header bytes %1..%2</source>
        <translation>头字节 %1..%2</translation>
    </message>
    <message>
        <source>&quot;context&quot; must be an object of key: value or [values]</source>
        <translation>“context”必须是由 键: 值 或 [值列表] 组成的对象</translation>
    </message>
    <message>
        <source>unknown request element &quot;%1&quot; (expected action, resource, principal, context)</source>
        <translation>未知的请求元素“%1”（应为 action、resource、principal、context）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string</source>
        <translation>“%1”必须是字符串</translation>
    </message>
    <message>
        <source>a test-case file is a JSON list of {name, request, expect}</source>
        <translation>测试用例文件是由 {name, request, expect} 组成的 JSON 列表</translation>
    </message>
    <message>
        <source>case %1: &quot;expect&quot; must be Allow, ExplicitDeny, ImplicitDeny or Deny</source>
        <translation>用例 %1：“expect”必须是 Allow、ExplicitDeny、ImplicitDeny 或 Deny</translation>
    </message>
    <message>
        <source>case %1: %2</source>
        <translation>用例 %1：%2</translation>
    </message>
    <message>
        <source>the CSV header needs an &quot;expect&quot; column</source>
        <translation>CSV 表头需要一个“expect”列</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not Allow, ExplicitDeny, ImplicitDeny or Deny</source>
        <translation>“%1”不是 Allow、ExplicitDeny、ImplicitDeny 或 Deny</translation>
    </message>
    <message>
        <source>%1 cells, the header has %2</source>
        <translation>%1 个单元格，而表头有 %2 个</translation>
    </message>
    <message>
        <source>raw value of a TLV, as hex</source>
        <translation>TLV 的原始值（十六进制）</translation>
    </message>
    <message>
        <source>PROXY protocol version (1, 2)</source>
        <translation>PROXY 协议版本（1、2）</translation>
    </message>
    <message>
        <source>LOCAL or PROXY</source>
        <translation>LOCAL 或 PROXY</translation>
    </message>
    <message>
        <source>client address in the header</source>
        <translation>头中的客户端地址</translation>
    </message>
    <message>
        <source>client port in the header</source>
        <translation>头中的客户端端口</translation>
    </message>
    <message>
        <source>destination address</source>
        <translation>目的地址</translation>
    </message>
    <message>
        <source>destination port</source>
        <translation>目的端口</translation>
    </message>
    <message>
        <source>TLV 0x02, usually the SNI</source>
        <translation>TLV 0x02，通常是 SNI</translation>
    </message>
    <message>
        <source>TLV 0x01</source>
        <translation>TLV 0x01</translation>
    </message>
    <message>
        <source>TLV 0x05</source>
        <translation>TLV 0x05</translation>
    </message>
    <message>
        <source>SSL sub-TLV 0x21</source>
        <translation>SSL 子 TLV 0x21</translation>
    </message>
    <message>
        <source>SSL sub-TLV 0x22</source>
        <translation>SSL 子 TLV 0x22</translation>
    </message>
    <message>
        <source>a client certificate was presented and verified</source>
        <translation>客户端出示了证书且已通过验证</translation>
    </message>
    <message>
        <source>TLV 0x03 checks out</source>
        <translation>TLV 0x03 校验通过</translation>
    </message>
    <message>
        <source>TLV 0xE1/0x01</source>
        <translation>TLV 0xE1/0x01</translation>
    </message>
    <message>
        <source>TLV 0xE1/0x02</source>
        <translation>TLV 0xE1/0x02</translation>
    </message>
    <message>
        <source>TLV 0xE1/0x03</source>
        <translation>TLV 0xE1/0x03</translation>
    </message>
    <message>
        <source>TLV 0xEA/0x01</source>
        <translation>TLV 0xEA/0x01</translation>
    </message>
    <message>
        <source>TLV 0xEE/0x01</source>
        <translation>TLV 0xEE/0x01</translation>
    </message>
    <message>
        <source>TLV 0xE0</source>
        <translation>TLV 0xE0</translation>
    </message>
    <message>
        <source>= alibaba:SourceVpc</source>
        <translation>= alibaba:SourceVpc</translation>
    </message>
    <message>
        <source>= pp:SourceIp</source>
        <translation>= pp:SourceIp</translation>
    </message>
    <message>
        <source>AccessKey ID of the caller</source>
        <translation>调用者的 AccessKey ID</translation>
    </message>
    <message>
        <source>request over HTTPS</source>
        <translation>请求通过 HTTPS 发送</translation>
    </message>
    <message>
        <source>time of the request</source>
        <translation>请求时间</translation>
    </message>
    <message>
        <source>MFA was used</source>
        <translation>使用了 MFA</translation>
    </message>
    <message>
        <source>caller&apos;s ARN</source>
        <translation>调用者的 ARN</translation>
    </message>
    <message>
        <source>caller&apos;s address</source>
        <translation>调用者的地址</translation>
    </message>
    <message>
        <source>VPC of the caller</source>
        <translation>调用者所在的专有网络 VPC</translation>
    </message>
    <message>
        <source>caller&apos;s account</source>
        <translation>调用者的账号</translation>
    </message>
    <message>
        <source>caller&apos;s organization</source>
        <translation>调用者的组织</translation>
    </message>
    <message>
        <source>request over TLS</source>
        <translation>请求通过 TLS 发送</translation>
    </message>
    <message>
        <source>caller&apos;s user ID</source>
        <translation>调用者的用户 ID</translation>
    </message>
    <message>
        <source>caller&apos;s user name</source>
        <translation>调用者的用户名</translation>
    </message>
    <message>
        <source>who really connected (the load balancer)</source>
        <translation>实际发起连接的一方（负载均衡）</translation>
    </message>
    <message>
        <source>peer port</source>
        <translation>对端端口</translation>
    </message>
    <message>
        <source>local (listener) port</source>
        <translation>本地（监听）端口</translation>
    </message>
    <message>
        <source>HTTP method</source>
        <translation>HTTP 方法</translation>
    </message>
    <message>
        <source>HTTP path</source>
        <translation>HTTP 路径</translation>
    </message>
    <message>
        <source>HTTP Host header</source>
        <translation>HTTP Host 头</translation>
    </message>
    <message>
        <source>HTTP User-Agent header</source>
        <translation>HTTP User-Agent 头</translation>
    </message>
    <message>
        <source>TLS server name</source>
        <translation>TLS 服务器名称</translation>
    </message>
    <message>
        <source>no action given</source>
        <translation>未给出 Action</translation>
    </message>
    <message>
        <source>no resource given</source>
        <translation>未给出 Resource</translation>
    </message>
    <message>
        <source>v1 signature</source>
        <translation>v1 签名</translation>
    </message>
    <message>
        <source>version/command byte</source>
        <translation>版本/命令字节</translation>
    </message>
    <message>
        <source>v1 line</source>
        <translation>v1 文本行</translation>
    </message>
    <message>
        <source>v1 line, %1</source>
        <translation>v1 文本行，%1</translation>
    </message>
    <message>
        <source>source address</source>
        <translation>源地址</translation>
    </message>
    <message>
        <source>source port</source>
        <translation>源端口</translation>
    </message>
    <message>
        <source>= pp:SourceIp (%1)</source>
        <translation>= pp:SourceIp（%1）</translation>
    </message>
    <message>
        <source>TLV 0x02 (AUTHORITY)</source>
        <translation>TLV 0x02（AUTHORITY）</translation>
    </message>
    <message>
        <source>TLV 0x01 (ALPN)</source>
        <translation>TLV 0x01（ALPN）</translation>
    </message>
    <message>
        <source>TLV 0x05 (UNIQUE_ID)</source>
        <translation>TLV 0x05（UNIQUE_ID）</translation>
    </message>
    <message>
        <source>TLV 0x20/0x21 (SSL_VERSION)</source>
        <translation>TLV 0x20/0x21（SSL_VERSION）</translation>
    </message>
    <message>
        <source>TLV 0x20/0x22 (SSL_CN)</source>
        <translation>TLV 0x20/0x22（SSL_CN）</translation>
    </message>
    <message>
        <source>TLV 0x20 (SSL) client and verify fields</source>
        <translation>TLV 0x20（SSL）的 client 与 verify 字段</translation>
    </message>
    <message>
        <source>TLV 0x03 (CRC32C)</source>
        <translation>TLV 0x03（CRC32C）</translation>
    </message>
    <message>
        <source>TLV %1</source>
        <translation>TLV %1</translation>
    </message>
    <message>
        <source>TLV 0xE1/0x01 (Alibaba VPC ID)</source>
        <translation>TLV 0xE1/0x01（阿里云 VPC ID）</translation>
    </message>
    <message>
        <source>= alibaba:SourceVpc (%1)</source>
        <translation>= alibaba:SourceVpc（%1）</translation>
    </message>
    <message>
        <source>TLV 0xE1/0x02 (Alibaba endpoint ID)</source>
        <translation>TLV 0xE1/0x02（阿里云终端节点 ID）</translation>
    </message>
    <message>
        <source>TLV 0xE1/0x03 (Alibaba endpoint service ID)</source>
        <translation>TLV 0xE1/0x03（阿里云终端节点服务 ID）</translation>
    </message>
    <message>
        <source>TLV 0xEA/0x01 (AWS VPC endpoint ID)</source>
        <translation>TLV 0xEA/0x01（AWS VPC 终端节点 ID）</translation>
    </message>
    <message>
        <source>TLV 0xEE/0x01 (Azure LinkID, little-endian)</source>
        <translation>TLV 0xEE/0x01（Azure LinkID，小端序）</translation>
    </message>
    <message>
        <source>TLV 0xE0 (GCP PSC connection ID)</source>
        <translation>TLV 0xE0（GCP PSC 连接 ID）</translation>
    </message>
    <message>
        <source>TCP/IP peer (who connected)</source>
        <translation>TCP/IP 对端（发起连接的一方）</translation>
    </message>
    <message>
        <source>TCP/IP peer port</source>
        <translation>TCP/IP 对端端口</translation>
    </message>
    <message>
        <source>local port</source>
        <translation>本地端口</translation>
    </message>
    <message>
        <source>HTTP request line</source>
        <translation>HTTP 请求行</translation>
    </message>
    <message>
        <source>not an HTTP request</source>
        <translation>不是 HTTP 请求</translation>
    </message>
    <message>
        <source>not an HTTP request: any resource</source>
        <translation>不是 HTTP 请求：任意资源</translation>
    </message>
    <message>
        <source>TLS ClientHello server_name</source>
        <translation>TLS ClientHello 的 server_name</translation>
    </message>
    <message>
        <source>case %1: &quot;request&quot; must be a JSON object (action, resource, context)</source>
        <translation>用例 %1：&quot;request&quot; 必须是 JSON 对象（action、resource、context）</translation>
    </message>
    <message>
        <source>the number %1 is past 2^53, where JSON numbers lose digits: write it as a string</source>
        <translation>数字 %1 超过 2^53，JSON 数字会丢失位数：请写成字符串</translation>
    </message>
    <message>
        <source>context key %1: values must be strings, booleans or numbers up to 2^53 (write larger IDs as strings)</source>
        <translation>上下文键 %1：值必须是字符串、布尔值或不超过 2^53 的数字（更大的 ID 请写成字符串）</translation>
    </message>
    <message>
        <source>statement %1: empty %2 list excludes nothing, the statement applies to every %3</source>
        <translation>语句 %1：%2 列表为空，不排除任何项，该语句适用于所有 %3</translation>
    </message>
    <message>
        <source>invalid escape sequence \%1 (JSON has \&quot; \\ \/ \b \f \n \r \t \uXXXX)</source>
        <translation>无效的转义序列 \%1（JSON 只有 \&quot; \\ \/ \b \f \n \r \t \uXXXX）</translation>
    </message>
    <message>
        <source>the JSON ends before it is complete (a string, object or array is not closed)</source>
        <translation>JSON 在结束前不完整（有字符串、对象或数组未闭合）</translation>
    </message>
</context>
<context>
    <name>pl::proxy::BreakdownText</name>
    <message>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>v1 header line</source>
        <translation>v1 头文本行</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>PROXY protocol v1 (text)</source>
        <translation>PROXY 协议 v1（文本）</translation>
    </message>
    <message>
        <source>Protocol and addresses</source>
        <translation>协议和地址</translation>
    </message>
    <message>
        <source>UNKNOWN: the receiver uses the real endpoints</source>
        <translation>UNKNOWN：接收方使用真实端点</translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation>源 IP</translation>
    </message>
    <message>
        <source>Destination IP</source>
        <translation>目的 IP</translation>
    </message>
    <message>
        <source>Source port</source>
        <translation>源端口</translation>
    </message>
    <message>
        <source>Destination port</source>
        <translation>目的端口</translation>
    </message>
    <message>
        <source>Line end</source>
        <translation>行尾</translation>
    </message>
    <message>
        <source>not a PROXY v2 signature</source>
        <translation>不是 PROXY v2 签名</translation>
    </message>
    <message>
        <source>PROXY protocol v2</source>
        <translation>PROXY 协议 v2</translation>
    </message>
    <message>
        <source>fixed 12 bytes \r\n\r\n\0\r\nQUIT\n</source>
        <translation>固定 12 字节 \r\n\r\n\0\r\nQUIT\n</translation>
    </message>
    <message>
        <source>Version and command</source>
        <translation>版本和命令</translation>
    </message>
    <message>
        <source>version %1, %2</source>
        <translation>版本 %1，%2</translation>
    </message>
    <message>
        <source>unknown command %1</source>
        <translation>未知命令 %1</translation>
    </message>
    <message>
        <source>LOCAL: health check or proxy&apos;s own connection; use the real endpoints</source>
        <translation>LOCAL：健康检查或代理自身的连接；使用真实端点</translation>
    </message>
    <message>
        <source>Family and transport</source>
        <translation>地址族和传输协议</translation>
    </message>
    <message>
        <source>invalid (%1)</source>
        <translation>无效（%1）</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>%1 bytes follow</source>
        <translation>后续 %1 字节</translation>
    </message>
    <message>
        <source>header is %1 bytes in all</source>
        <translation>头共 %1 字节</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>AWS health-check layout: TLVs start at byte 16 whatever the family says (%1)</source>
        <translation>AWS 健康检查布局：无论地址族为何，TLV 都从第 16 字节开始（%1）</translation>
    </message>
    <message>
        <source>Source path</source>
        <translation>源路径</translation>
    </message>
    <message>
        <source>Destination path</source>
        <translation>目的路径</translation>
    </message>
    <message>
        <source>Unparsed bytes</source>
        <translation>未解析的字节</translation>
    </message>
    <message>
        <source>%1 (%2 custom type)</source>
        <translation>%1（%2 自定义类型）</translation>
    </message>
    <message>
        <source>%1 (custom type)</source>
        <translation>%1（自定义类型）</translation>
    </message>
    <message>
        <source>%1 (experimental)</source>
        <translation>%1（实验用）</translation>
    </message>
    <message>
        <source>%1 (reserved)</source>
        <translation>%1（保留）</translation>
    </message>
    <message>
        <source>%1 (unassigned)</source>
        <translation>%1（未分配）</translation>
    </message>
    <message>
        <source>TLV</source>
        <translation>TLV</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>ALPN</source>
        <translation>ALPN</translation>
    </message>
    <message>
        <source>Authority (TLS SNI)</source>
        <translation>Authority（TLS SNI）</translation>
    </message>
    <message>
        <source>valid (computed %1)</source>
        <translation>有效（计算值 %1）</translation>
    </message>
    <message>
        <source>invalid: computed %1</source>
        <translation>无效：计算值为 %1</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未校验</translation>
    </message>
    <message>
        <source>CRC32C</source>
        <translation>CRC32C</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>%1 bytes of padding</source>
        <translation>%1 字节填充</translation>
    </message>
    <message>
        <source>0x04 is NOOP (vendor documents call it NETNS; NETNS is 0x30)</source>
        <translation>0x04 是 NOOP（厂商文档称之为 NETNS；NETNS 实为 0x30）</translation>
    </message>
    <message>
        <source>Unique ID</source>
        <translation>唯一 ID</translation>
    </message>
    <message>
        <source>Network namespace</source>
        <translation>网络命名空间</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Client certificate (DER)</source>
        <translation>客户端证书（DER）</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>no TLS</source>
        <translation>无 TLS</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>client certificate verified</source>
        <translation>客户端证书已验证</translation>
    </message>
    <message>
        <source>0 but no certificate: nothing was verified</source>
        <translation>为 0 但没有证书：实际未验证任何内容</translation>
    </message>
    <message>
        <source>certificate not verified</source>
        <translation>证书未验证</translation>
    </message>
    <message>
        <source>Subtype</source>
        <translation>子类型</translation>
    </message>
    <message>
        <source>VPC ID</source>
        <translation>VPC ID</translation>
    </message>
    <message>
        <source>PrivateLink endpoint ID</source>
        <translation>私网连接 PrivateLink 终端节点 ID</translation>
    </message>
    <message>
        <source>PrivateLink endpoint service ID</source>
        <translation>私网连接 PrivateLink 终端节点服务 ID</translation>
    </message>
    <message>
        <source>Endpoint service ID</source>
        <translation>终端节点服务 ID</translation>
    </message>
    <message>
        <source>VPC endpoint ID</source>
        <translation>VPC 终端节点 ID</translation>
    </message>
    <message>
        <source>Private Link LinkID</source>
        <translation>Private Link LinkID</translation>
    </message>
    <message>
        <source>LinkID (little-endian)</source>
        <translation>LinkID（小端序）</translation>
    </message>
    <message>
        <source>PSC connection ID</source>
        <translation>PSC 连接 ID</translation>
    </message>
    <message>
        <source>big-endian uint64</source>
        <translation>大端序 uint64</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>invalid: computed %1 with the CRC32C values before it zeroed, as HAProxy checks a second one</source>
        <translation>无效：将其之前的 CRC32C 值清零后计算为 %1（HAProxy 也这样检查第二个 CRC32C）</translation>
    </message>
    <message>
        <source>valid, checked as HAProxy checks a second one</source>
        <translation>有效，按 HAProxy 检查第二个 CRC32C 的方式检查</translation>
    </message>
    <message>
        <source>valid; a later CRC32C TLV is not</source>
        <translation>有效；但后面的 CRC32C TLV 无效</translation>
    </message>
</context>
<context>
    <name>pl::proxy::DiagnosticText</name>
    <message>
        <source>Header truncated: %1 bytes present, %2 needed</source>
        <translation>头被截断：现有 %1 字节，需要 %2 字节</translation>
    </message>
    <message>
        <source>Not a PROXY protocol signature (byte %1 differs)</source>
        <translation>不是 PROXY 协议签名（第 %1 字节不同）</translation>
    </message>
    <message>
        <source>Unsupported version %1 (must be 2)</source>
        <translation>不支持的版本 %1（必须为 2）</translation>
    </message>
    <message>
        <source>Unknown command %1 (only LOCAL 0 and PROXY 1 exist)</source>
        <translation>未知命令 %1（只有 LOCAL 0 和 PROXY 1）</translation>
    </message>
    <message>
        <source>Invalid address family/transport byte %1</source>
        <translation>无效的地址族/传输协议字节 %1</translation>
    </message>
    <message>
        <source>Length %1 is too short for the %2-byte address block</source>
        <translation>长度 %1 不足以容纳 %2 字节的地址块</translation>
    </message>
    <message>
        <source>TLV runs past the end of the header: needs %1 bytes, %2 left</source>
        <translation>TLV 超出了头的末尾：需要 %1 字节，仅剩 %2 字节</translation>
    </message>
    <message>
        <source>CRC32C TLV has length %1 (must be 4)</source>
        <translation>CRC32C TLV 的长度为 %1（必须为 4）</translation>
    </message>
    <message>
        <source>CRC32C mismatch: received %1, computed %2</source>
        <translation>CRC32C 校验和不匹配：收到 %1，计算得 %2</translation>
    </message>
    <message>
        <source>SSL TLV has length %1 (needs at least 5: client and verify)</source>
        <translation>SSL TLV 的长度为 %1（至少需要 5：client 和 verify）</translation>
    </message>
    <message>
        <source>v1 header has no CRLF within %1 bytes</source>
        <translation>v1 头在 %1 字节内没有 CRLF</translation>
    </message>
    <message>
        <source>v1 header has a lone CR or LF (lines end with CRLF)</source>
        <translation>v1 头中有单独的 CR 或 LF（行必须以 CRLF 结尾）</translation>
    </message>
    <message>
        <source>v1 protocol must be TCP4, TCP6 or UNKNOWN</source>
        <translation>v1 协议必须是 TCP4、TCP6 或 UNKNOWN</translation>
    </message>
    <message>
        <source>v1 address does not parse for its protocol</source>
        <translation>v1 地址与其协议不符，无法解析</translation>
    </message>
    <message>
        <source>v1 port must be 0..65535 without leading zeros</source>
        <translation>v1 端口必须是 0..65535 且不带前导零</translation>
    </message>
    <message>
        <source>v1 header fields are not separated by single spaces</source>
        <translation>v1 头的字段之间不是单个空格</translation>
    </message>
    <message>
        <source>the family byte&apos;s layout was kept</source>
        <translation>保留了地址族字节所声明的布局</translation>
    </message>
    <message>
        <source>the family byte&apos;s layout does not parse, this one does</source>
        <translation>按地址族字节的布局无法解析，按此布局可以解析</translation>
    </message>
    <message>
        <source>CRC32C matches only in this reading</source>
        <translation>只有按此读法 CRC32C 才匹配</translation>
    </message>
    <message>
        <source>no CRC32C either way, and the family byte&apos;s layout would need garbage addresses and zero-type TLVs</source>
        <translation>两种读法都没有 CRC32C，而按地址族字节的布局需要读出无意义的地址和类型为 0 的 TLV</translation>
    </message>
    <message>
        <source>UNIQUE_ID is %1 bytes (spec limit 128; HAProxy refuses the header)</source>
        <translation>UNIQUE_ID 为 %1 字节（规范上限 128；HAProxy 会拒绝此头）</translation>
    </message>
    <message>
        <source>AUTHORITY is %1 bytes (HAProxy refuses more than 255)</source>
        <translation>AUTHORITY 为 %1 字节（HAProxy 拒绝超过 255 字节）</translation>
    </message>
    <message>
        <source>Header is %1 bytes: nginx up to 1.23.2 refuses headers over 107 bytes on stream and TLS listeners</source>
        <translation>头为 %1 字节：nginx 1.23.2 及更早版本在 stream 和 TLS 监听上拒绝超过 107 字节的头</translation>
    </message>
    <message>
        <source>SSL verify is 0 but no client certificate was presented: this is not a verified certificate</source>
        <translation>SSL verify 为 0，但客户端未出示证书：这并不是已验证的证书</translation>
    </message>
    <message>
        <source>TLV type %1 appears more than once</source>
        <translation>TLV 类型 %1 出现了不止一次</translation>
    </message>
    <message>
        <source>NOOP padding contains non-zero bytes</source>
        <translation>NOOP 填充中含有非零字节</translation>
    </message>
    <message>
        <source>%1 bytes after the last TLV are too short to be a TLV (HAProxy refuses this)</source>
        <translation>最后一个 TLV 之后的 %1 字节不足以构成一个 TLV（HAProxy 会拒绝）</translation>
    </message>
    <message>
        <source>A second PROXY header follows this one (possible spoofing: the load balancer does not strip a client&apos;s own header)</source>
        <translation>此头之后还有第二个 PROXY 头（可能是伪造：负载均衡没有剥离客户端自带的头）</translation>
    </message>
    <message>
        <source>Custom TLV type %1 does not belong to the selected vendor profile</source>
        <translation>自定义 TLV 类型 %1 不属于所选的厂商配置</translation>
    </message>
    <message>
        <source>Vendor TLV %1 does not have the vendor&apos;s documented layout</source>
        <translation>厂商 TLV %1 不符合厂商文档中的格式</translation>
    </message>
    <message>
        <source>Unknown vendor subtype %1</source>
        <translation>未知的厂商子类型 %1</translation>
    </message>
    <message>
        <source>AWS NLB health-check layout: LOCAL with TLVs right after byte 16 (the family byte is ignored): %1</source>
        <translation>AWS NLB 健康检查布局：LOCAL，TLV 紧接第 16 字节之后（忽略地址族字节）：%1</translation>
    </message>
    <message>
        <source>LOCAL header carries addresses; receivers use the real connection endpoints instead</source>
        <translation>LOCAL 头携带了地址；接收方会改用连接的真实端点</translation>
    </message>
</context>
<context>
    <name>pl::proxy::FamilyText</name>
    <message>
        <source>unspecified (no addresses)</source>
        <translation>未指定（无地址）</translation>
    </message>
    <message>
        <source>UDP over IPv4</source>
        <translation>基于 IPv4 的 UDP</translation>
    </message>
    <message>
        <source>TCP over IPv4</source>
        <translation>基于 IPv4 的 TCP</translation>
    </message>
    <message>
        <source>UDP over IPv6</source>
        <translation>基于 IPv6 的 UDP</translation>
    </message>
    <message>
        <source>TCP over IPv6</source>
        <translation>基于 IPv6 的 TCP</translation>
    </message>
    <message>
        <source>UNIX datagram</source>
        <translation>UNIX 数据报</translation>
    </message>
    <message>
        <source>UNIX stream</source>
        <translation>UNIX 流</translation>
    </message>
    <message>
        <source>invalid transport</source>
        <translation>无效的传输协议</translation>
    </message>
    <message>
        <source>invalid family</source>
        <translation>无效的地址族</translation>
    </message>
</context>
<context>
    <name>pl::proxy::FaultMatrixText</name>
    <message>
        <source>as given</source>
        <translation>按原样</translation>
    </message>
    <message>
        <source>CRC32C absent</source>
        <translation>无 CRC32C</translation>
    </message>
    <message>
        <source>CRC32C wrong</source>
        <translation>CRC32C 错误</translation>
    </message>
    <message>
        <source>v1 text header</source>
        <translation>v1 文本头部</translation>
    </message>
</context>
<context>
    <name>pl::proxy::HeaderFieldText</name>
    <message>
        <source>must be 0..255 (1 SSL, 2 CERT_CONN, 4 CERT_SESS)</source>
        <translation>必须为 0..255（1 SSL，2 CERT_CONN，4 CERT_SESS）</translation>
    </message>
    <message>
        <source>must be a 32-bit unsigned number</source>
        <translation>必须为 32 位无符号数</translation>
    </message>
    <message>
        <source>must be a 64-bit unsigned number</source>
        <translation>必须为 64 位无符号数</translation>
    </message>
    <message>
        <source>expected TYPE=HEX, TYPE 0..255 (decimal or 0x hex) and at most 65535 bytes of hex</source>
        <translation>应为 TYPE=HEX，TYPE 为 0..255（十进制或 0x 十六进制），值最多 65535 字节的十六进制</translation>
    </message>
    <message>
        <source>unknown TLV</source>
        <translation>未知 TLV</translation>
    </message>
    <message>
        <source>must be local or proxy</source>
        <translation>必须为 local 或 proxy</translation>
    </message>
    <message>
        <source>expected ADDR:PORT, [V6ADDR]:PORT or an absolute /unix/path</source>
        <translation>应为 ADDR:PORT、[V6ADDR]:PORT 或绝对 /unix/路径</translation>
    </message>
    <message>
        <source>give both the source and the destination, or neither</source>
        <translation>请同时给出源地址和目的地址，或都不给</translation>
    </message>
    <message>
        <source>must be inet, inet6, unix or unspec</source>
        <translation>必须为 inet、inet6、unix 或 unspec</translation>
    </message>
    <message>
        <source>a PROXY header needs a source and a destination (or the LOCAL command, or family unspec)</source>
        <translation>PROXY 头需要源地址和目的地址（或使用 LOCAL 命令，或地址族 unspec）</translation>
    </message>
    <message>
        <source>this family needs a source and a destination</source>
        <translation>该地址族需要源地址和目的地址</translation>
    </message>
    <message>
        <source>must be auto, none or wrong</source>
        <translation>必须为 auto、none 或 wrong</translation>
    </message>
    <message>
        <source>must be a header size in bytes (at most 65551)</source>
        <translation>必须为以字节计的头大小（最多 65551）</translation>
    </message>
    <message>
        <source>must be bad-signature, bad-length, truncate, bad-family or bad-command</source>
        <translation>必须为 bad-signature、bad-length、truncate、bad-family 或 bad-command</translation>
    </message>
    <message>
        <source>v1 headers carry no TLVs, CRC32C or padding</source>
        <translation>v1 头不携带 TLV、CRC32C 或填充</translation>
    </message>
    <message>
        <source>v1 headers carry no UNIX addresses</source>
        <translation>v1 头不携带 UNIX 地址</translation>
    </message>
    <message>
        <source>family inet takes IPv4 addresses only</source>
        <translation>inet 地址族只接受 IPv4 地址</translation>
    </message>
    <message>
        <source>family inet6 takes IPv6 addresses only (an IPv4 one as ::ffff:a.b.c.d)</source>
        <translation>inet6 地址族只接受 IPv6 地址（IPv4 地址写作 ::ffff:a.b.c.d）</translation>
    </message>
    <message>
        <source>family unix takes absolute paths only</source>
        <translation>unix 地址族只接受绝对路径</translation>
    </message>
    <message>
        <source>%1 bytes: a TLV holds at most 65,535</source>
        <translation>%1 字节：一个 TLV 最多 65,535 字节</translation>
    </message>
    <message>
        <source>v1 headers carry TCP only (TCP4, TCP6, UNKNOWN)</source>
        <translation>v1 头只承载 TCP（TCP4、TCP6、UNKNOWN）</translation>
    </message>
    <message>
        <source>the header would be %1 bytes: a v2 header holds at most 65,551 (16 + 65,535)</source>
        <translation>头将为 %1 字节：v2 头最多 65,551 字节（16 + 65,535）</translation>
    </message>
    <message>
        <source>the header is already %1 bytes</source>
        <translation>头已有 %1 字节</translation>
    </message>
    <message>
        <source>the header is %1 bytes: padding needs 3 bytes at least (a NOOP TLV&apos;s type and length)</source>
        <translation>头为 %1 字节：填充至少需要 3 字节（NOOP TLV 的类型和长度）</translation>
    </message>
</context>
<context>
    <name>pl::proxy::PastedBytesText</name>
    <message>
        <source>Not hex at character %1</source>
        <translation>第 %1 个字符不是十六进制</translation>
    </message>
    <message>
        <source>Not valid base64</source>
        <translation>不是有效的 base64</translation>
    </message>
    <message>
        <source>\x needs two hex digits (character %1)</source>
        <translation>\x 需要两位十六进制数字（第 %1 个字符）</translation>
    </message>
    <message>
        <source>Unknown escape \%1 at character %2</source>
        <translation>第 %2 个字符处有未知的转义 \%1</translation>
    </message>
    <message>
        <source>Odd number of hex digits: the digit at character %1 has no pair</source>
        <translation>十六进制数字个数为奇数：第 %1 个字符的数字没有配对</translation>
    </message>
</context>
</TS>
