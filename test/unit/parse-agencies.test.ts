import { describe, expect, it } from 'vitest';
import { AgencyNode, agencyId } from '../../graph-schema/index.js';
import { AgencyRegistry, headingAssignment, parseAgencyCell, parseAssignment, scanAgencyList } from '../../ingest/parse/agencies/index.js';
import { collectiveName, expandAbbreviations, resolveAgencyName } from '../../ingest/parse/agencies/names.js';
import type { StructureContext } from '../../ingest/parse/types.js';

const names = (text: string) => scanAgencyList(text, 0, { stopAtVerb: false }).mentions.map((m) => m.raw);
const lead = (text: string, wholeIsList = false) => parseAssignment(text, { wholeIsList }).lead.map((m) => m.raw);
const coord = (text: string) => parseAssignment(text).coord.map((m) => m.raw);

const province: StructureContext = {
  documentId: 'vn/binh-thuan/ubnd/kh/1/2024',
  level: 'province',
  issuerPath: 'binh-thuan/ubnd',
  province: 'Bình Thuận',
  provinceSlug: 'binh-thuan',
};
const central: StructureContext = { documentId: 'vn/tw/kl/69/2024', level: 'central', issuerPath: 'tw', province: null, provinceSlug: null };
const nameCtx = { level: 'province' as const, province: 'Bình Thuận' };

describe('splitting agency lists', () => {
  it('splits lists at commas, "và" and semicolons where a new agency starts', () => {
    expect(names('Sở Ngoại vụ, Sở Tài chính và các cơ quan liên quan')).toEqual(['Sở Ngoại vụ', 'Sở Tài chính', 'các cơ quan liên quan']);
    expect(names('Sở Tài chính, Sở Kế hoạch và Đầu tư')).toEqual(['Sở Tài chính', 'Sở Kế hoạch và Đầu tư']);
    expect(names('Sở Thông tin và Truyền thông, Báo Bình Thuận, Đài Phát thanh - Truyền hình Bình Thuận')).toEqual([
      'Sở Thông tin và Truyền thông',
      'Báo Bình Thuận',
      'Đài Phát thanh - Truyền hình Bình Thuận',
    ]);
    expect(names('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh')).toEqual([
      'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'các tổ chức chính trị - xã hội tỉnh',
    ]);
    expect(names('Sở KH&CN; Sở TC')).toEqual(['Sở KH&CN', 'Sở TC']);
  });

  it('does not split names that contain commas or "và" themselves', () => {
    expect(names('Sở Khoa học và Công nghệ')).toEqual(['Sở Khoa học và Công nghệ']);
    expect(names('Sở Văn hóa, Thể thao và Du lịch')).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
    expect(names('Sở Lao động - Thương binh và Xã hội')).toEqual(['Sở Lao động - Thương binh và Xã hội']);
    expect(names('Sở Văn hóa, Thể thao và Du lịch, Sở Lao động, Thương binh và Xã hội')).toEqual([
      'Sở Văn hóa, Thể thao và Du lịch',
      'Sở Lao động, Thương binh và Xã hội',
    ]);
    expect(names('Ủy ban nhân dân các huyện, thị xã, thành phố')).toEqual(['Ủy ban nhân dân các huyện, thị xã, thành phố']);
    expect(names('Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh')).toEqual(['Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh']);
  });

  it('keeps a collective whole across its commas', () => {
    expect(names('Các sở, ban, ngành, đơn vị cấp tỉnh, UBND các huyện, thị xã, thành phố')).toEqual([
      'Các sở, ban, ngành, đơn vị cấp tỉnh, UBND các huyện, thị xã, thành phố',
    ]);
    expect(names('Sở Khoa học và Công nghệ và các sở, ban, ngành, địa phương liên quan')).toEqual([
      'Sở Khoa học và Công nghệ',
      'các sở, ban, ngành, địa phương liên quan',
    ]);
    expect(names('Các Trường Đại học, Cao đẳng trên địa bàn tỉnh')).toEqual(['Các Trường Đại học, Cao đẳng trên địa bàn tỉnh']);
  });

  it('ends a list where the predicate starts', () => {
    const text = 'Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy tổ chức phổ biến, quán triệt';
    const scan = scanAgencyList(text);
    expect(scan.mentions.map((m) => m.raw)).toEqual(['Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy']);
    expect(text.slice(scan.end).trim().startsWith('tổ chức')).toBe(true);
  });

  it('finds no agency in words that only look like one', () => {
    for (const text of ['Báo cáo kết quả thực hiện', 'Hội nghị triển khai', 'Sở hữu trí tuệ', 'Trường hợp cần thiết', 'Ban hành quy chế', 'Tổ chức phổ biến']) {
      expect(scanAgencyList(text).mentions, text).toEqual([]);
    }
  });
});

describe('lead and coordinating agencies of a text', () => {
  it('reads "<lead> chủ trì, phối hợp với <coordinators> <verb>"', () => {
    const text = 'Sở Nội vụ chủ trì, phối hợp với Sở Khoa học và Công nghệ và các cơ quan liên quan tăng cường cải cách hành chính';
    expect(lead(text)).toEqual(['Sở Nội vụ']);
    expect(coord(text)).toEqual(['Sở Khoa học và Công nghệ', 'các cơ quan liên quan']);
    const a = parseAssignment(text);
    expect(a.leadRaw).toBe('Sở Nội vụ');
    expect(a.coordRaw).toBe('Sở Khoa học và Công nghệ và các cơ quan liên quan');
  });

  it('reads "phối hợp" without "với" and without "chủ trì"', () => {
    const t1 = 'Sở Khoa học và công nghệ chủ trì, phối hợp các sở, ban, ngành, địa phương có liên quan tham mưu thực hiện:';
    expect(lead(t1)).toEqual(['Sở Khoa học và công nghệ']);
    expect(coord(t1)).toEqual(['các sở, ban, ngành, địa phương có liên quan']);
    const t2 = 'Sở Khoa học và Công nghệ phối hợp với các sở, ban, ngành có liên quan tham mưu UBND tỉnh:';
    expect(lead(t2)).toEqual(['Sở Khoa học và Công nghệ']);
    expect(coord(t2)).toEqual(['các sở, ban, ngành có liên quan']);
  });

  it('reads a task that opens with "Phối hợp <agencies>" under its lead\'s heading', () => {
    // 597/KH-UBND of Đồng Tháp, under "1. Sở Xây dựng"; 0129/KH-UBND of Đắk Lắk.
    expect(coord('Phối hợp Sở Khoa học và Công nghệ đề xuất ứng dụng công nghệ GIS, IoT, AI trong giám sát')).toEqual(['Sở Khoa học và Công nghệ']);
    expect(coord('Phối hợp Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh và UBND các xã, phường tổ chức vận chuyển hàng')).toEqual([
      'Bộ Chỉ huy Quân sự tỉnh',
      'Công an tỉnh',
      'UBND các xã, phường',
    ]);
    expect(coord('Phối hợp thực hiện các nhiệm vụ được giao')).toEqual([]);
    expect(coord('Phối hợp tổ chức các hoạt động hưởng ứng')).toEqual([]);
  });

  it('reads "Giao …", "Đề nghị …" and a "<list>:" lead-in', () => {
    expect(lead('Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ thẩm định')).toEqual(['Sở Tài chính']);
    expect(coord('Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ thẩm định')).toEqual(['Sở Nội vụ']);
    expect(lead('Sở KH&CN: Là cơ quan đầu mối, theo dõi, đôn đốc')).toEqual(['Sở KH&CN']);
    expect(lead('Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội tỉnh: Đẩy mạnh tuyên truyền')).toEqual([
      'Ủy ban Mặt trận Tổ quốc Việt Nam',
      'các tổ chức chính trị - xã hội tỉnh',
    ]);
    expect(lead('Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố trong phạm vi chức năng và nhiệm vụ được giao: Thúc đẩy')).toEqual([
      'Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố',
    ]);
  });

  it('reads the subject of a sentence as its lead, but not a passive subject', () => {
    expect(lead('Sở Thông tin và Truyền thông chỉ đạo các cơ quan báo chí đẩy mạnh tuyên truyền')).toEqual(['Sở Thông tin và Truyền thông']);
    expect(lead('Đảng đoàn Quốc hội, Ban cán sự đảng Chính phủ chỉ đạo rà soát')).toEqual(['Đảng đoàn Quốc hội', 'Ban cán sự đảng Chính phủ']);
    expect(lead('Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo các cơ quan')).toEqual(['Ban cán sự đảng UBND tỉnh']);
    expect(lead('Trung tâm Xúc tiến được thành lập trong năm 2025')).toEqual([]);
    expect(lead('Tăng cường sự lãnh đạo của các cấp ủy, tổ chức đảng')).toEqual([]);
  });

  it('reads "<list> chủ trì" inside a clause or a parenthesis', () => {
    const text = 'Xây dựng đề án thu hút nhân tài (Sở Nội vụ chủ trì, phối hợp với Sở Tài chính; hoàn thành trong năm 2025)';
    expect(lead(text)).toEqual(['Sở Nội vụ']);
    expect(coord(text)).toEqual(['Sở Tài chính']);
    expect(lead('Rà soát quy định; giao Sở Tư pháp chủ trì thẩm định.')).toEqual(['Sở Tư pháp']);
  });

  it('reads coordinating agencies of a clause that opens with "phối hợp với"', () => {
    expect(coord('Phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội trong công tác vận động')).toEqual([
      'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'các tổ chức chính trị - xã hội',
    ]);
    expect(lead('Phối hợp với Sở Tài chính xây dựng dự toán')).toEqual([]);
    const t2 = 'Giao Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ quan truyền thông; chủ trì, phối hợp với các cơ quan liên quan theo dõi';
    expect(lead(t2)).toEqual(['Ban Tuyên giáo Tỉnh ủy']);
    expect(coord(t2)).toEqual(['các cơ quan liên quan']);
  });

  it('reads "phối hợp với <list>" anywhere in a sentence, a group named by a bare noun included', () => {
    expect(coord('Căn cứ chức năng, nhiệm vụ, phối hợp với các cơ quan, đơn vị liên quan triển khai Kế hoạch')).toEqual(['các cơ quan, đơn vị liên quan']);
    expect(coord('Cử cán bộ phối hợp với Ủy ban nhân dân xã, phường thống nhất địa điểm tổ chức')).toEqual(['Ủy ban nhân dân xã, phường']);
    expect(coord('Phối hợp với ngành y tế để bảo đảm an toàn thực phẩm')).toEqual(['ngành y tế']);
    expect(coord('Chỉ đạo lực lượng chức năng phối hợp chặt chẽ với lực lượng biên phòng tuần tra')).toEqual(['lực lượng biên phòng']);
    expect(coord('Phối hợp UBND các xã, phường dựng lều trại tại điểm sơ tán')).toEqual(['UBND các xã, phường']);
    // Whoever is above, and one another, are no bodies.
    expect(coord('Bố trí kinh phí hoặc phối hợp với cấp trên để bảo đảm nguồn lực')).toEqual([]);
    expect(coord('Các đơn vị tăng cường phối hợp với nhau trong công tác thông tin')).toEqual([]);
  });

  it('reads the subject past a note in parentheses after it', () => {
    expect(lead('Sở Nội vụ (cơ quan thường trực) chủ trì, phối hợp với Sở Tài chính xây dựng kế hoạch')).toEqual(['Sở Nội vụ']);
    expect(coord('Sở Nội vụ (cơ quan thường trực) chủ trì, phối hợp với Sở Tài chính xây dựng kế hoạch')).toEqual(['Sở Tài chính']);
    expect(lead('Đề nghị các doanh nghiệp bảo hiểm (Bảo Việt, PVI và các doanh nghiệp khác): Rút ngắn thời gian bồi thường')).toEqual(['các doanh nghiệp bảo hiểm']);
    expect(lead('Sở Tài chính (Chi cục Thuế) hướng dẫn các xã thực hiện')).toEqual(['Sở Tài chính']);
  });

  it('reads the subject after a topic and an opening "Sau khi …," clause', () => {
    const t = 'Mở tài khoản: Sau khi rà soát danh sách, Ủy ban nhân dân xã, phường phối hợp với các ngân hàng thương mại thực hiện';
    expect(lead(t)).toEqual(['Ủy ban nhân dân xã, phường']);
    expect(coord(t)).toEqual(['các ngân hàng thương mại']);
  });

  it('reads labelled fields', () => {
    const text = 'Xây dựng cơ sở dữ liệu. Cơ quan chủ trì: Sở Khoa học và Công nghệ; Cơ quan phối hợp: Sở Tài chính, Sở Nội vụ.';
    expect(lead(text)).toEqual(['Sở Khoa học và Công nghệ']);
    expect(coord(text)).toEqual(['Sở Tài chính', 'Sở Nội vụ']);
  });

  it('takes a bare list as a lead only when the text is known to be a list (a heading)', () => {
    expect(lead('Các sở, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố')).toEqual([]);
    expect(lead('Các sở, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố', true)).toEqual([
      'Các sở, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố',
    ]);
  });

  it('reads table cells, dropping "(chủ trì)" notes', () => {
    expect(parseAgencyCell('Sở KH&CN (chủ trì); Sở Tài chính').mentions.map((m) => m.raw)).toEqual(['Sở KH&CN', 'Sở Tài chính']);
    expect(parseAgencyCell('<p>Các sở, ban, ngành, UBND các huyện, thị xã, thành phố</p>').mentions.map((m) => m.collective)).toEqual([true]);
    expect(parseAgencyCell('').mentions).toEqual([]);
  });
});

describe('shapes of Vietnamese administrative writing', () => {
  const named = (raw: string) => resolveAgencyName(raw, false, nameCtx)?.name;

  it('reads a post as the body it heads', () => {
    expect(lead('Trưởng Ban Chỉ đạo chỉ đạo chung việc kiểm tra')).toEqual(['Trưởng Ban Chỉ đạo']);
    expect(named('Trưởng Ban Chỉ đạo')).toBe('Ban Chỉ đạo');
    const text = 'Chánh Văn phòng Ban chỉ đạo phòng chống thiên tai tỉnh phối hợp với Sở Công Thương kiểm tra các hồ đập';
    expect(lead(text)).toEqual(['Chánh Văn phòng Ban chỉ đạo phòng chống thiên tai tỉnh']);
    expect(coord(text)).toEqual(['Sở Công Thương']);
    expect(named('Chánh Văn phòng Ban chỉ đạo phòng chống thiên tai tỉnh')).toBe('Văn phòng Ban chỉ đạo phòng chống thiên tai tỉnh');
    expect(named('Bộ trưởng Bộ Y tế')).toBe('Bộ Y tế');
    expect(named('Chánh Thanh tra tỉnh')).toBe('Thanh tra tỉnh');
    expect(named('Chủ tịch Ủy ban nhân dân tỉnh')).toBe('Chủ tịch Ủy ban nhân dân tỉnh');
  });

  it('reads a council named by its work and scope', () => {
    expect(lead('Hội đồng thẩm định Nhà nước thẩm định hồ sơ dự án')).toEqual(['Hội đồng thẩm định Nhà nước']);
    expect(lead('Hội đồng xét duyệt cấp tỉnh tổ chức chấm điểm các sáng kiến')).toEqual(['Hội đồng xét duyệt cấp tỉnh']);
    expect(lead('Hội đồng thành viên tổ chức họp thường kỳ')).toEqual([]);
  });

  it('names each ministry or department of a list that says "các Bộ:" or "các Sở:" once', () => {
    expect(lead('Bộ trưởng các Bộ: Tư pháp, Nội vụ, Văn hóa, Thể thao và Du lịch khẩn trương hoàn thiện hồ sơ')).toEqual([
      'Bộ Tư pháp',
      'Bộ Nội vụ',
      'Bộ Văn hóa, Thể thao và Du lịch',
    ]);
    expect(names('các Sở: Y tế, Giáo dục và Đào tạo và Ủy ban nhân dân các xã')).toEqual(['Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Ủy ban nhân dân các xã']);
    expect(lead('Giám đốc các Sở Tài chính, Xây dựng bố trí cán bộ tham gia')).toEqual(['Sở Tài chính', 'Sở Xây dựng']);
    expect(parseAssignment('Bộ trưởng các Bộ: Công an, Quốc phòng chỉ đạo lực lượng').leadRaw).toBe('Bộ trưởng các Bộ: Công an, Quốc phòng');
    expect(names('các sở, ban, ngành')).toEqual(['các sở, ban, ngành']);
  });

  it('keeps an office of elected bodies that share their level whole, and splits regional state bodies', () => {
    expect(names('Văn phòng Đoàn ĐBQH và HĐND tỉnh, Văn phòng UBND tỉnh')).toEqual(['Văn phòng Đoàn ĐBQH và HĐND tỉnh', 'Văn phòng UBND tỉnh']);
    expect(names('Văn phòng UBND tỉnh và HĐND tỉnh')).toEqual(['Văn phòng UBND tỉnh', 'HĐND tỉnh']);
    expect(names('Tòa án nhân dân tỉnh, Thuế tỉnh, Kho bạc nhà nước khu vực VII, Ngân hàng nhà nước khu vực 3')).toEqual([
      'Tòa án nhân dân tỉnh',
      'Thuế tỉnh',
      'Kho bạc nhà nước khu vực VII',
      'Ngân hàng nhà nước khu vực 3',
    ]);
  });

  it('takes a heading that is a list and the role it plays after a dash', () => {
    expect(lead('Sở Nội vụ - Cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh', true)).toEqual(['Sở Nội vụ']);
    expect(lead('Sở Nội vụ - Cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh')).toEqual([]);
  });

  it('reads the subject after an opening "Căn cứ …," or "Trên cơ sở …," clause', () => {
    expect(lead('Căn cứ Kế hoạch này, Sở Y tế, Sở Giáo dục và Đào tạo xây dựng kế hoạch chi tiết')).toEqual(['Sở Y tế', 'Sở Giáo dục và Đào tạo']);
    expect(lead('Căn cứ chức năng, nhiệm vụ, Sở Nội vụ hướng dẫn các xã thực hiện')).toEqual(['Sở Nội vụ']);
    expect(lead('Trên cơ sở kết quả rà soát, các sở, ngành và Ủy ban nhân dân các xã, phường đề xuất danh mục dự án')).toHaveLength(1);
    // The clause ends in a predicate with no subject: the agencies inside the clause are not its subject.
    expect(lead('Trên cơ sở đề xuất của các sở, ngành, Sở Tài chính tổng hợp')).toEqual(['Sở Tài chính']);
    expect(lead('Trên cơ sở đề xuất của các sở, ngành, chủ trì tổng hợp, phối hợp với Sở Nội vụ, Sở Y tế trình Ủy ban nhân dân tỉnh')).toEqual([]);
  });

  it('reads the subject after a short topic and its colon', () => {
    expect(lead('Về chuyển đổi số: Sở Khoa học và Công nghệ hướng dẫn các xã triển khai nền tảng')).toEqual(['Sở Khoa học và Công nghệ']);
    expect(lead('Về tồn tại, hạn chế: Ban Chỉ đạo của tỉnh nhận định còn chậm')).toEqual([]);
  });

  it('reads "được phân công chủ trì" as the lead, and "của …" after a list as whose bodies they are', () => {
    expect(lead('Các sở, ngành được phân công chủ trì có trách nhiệm xây dựng kế hoạch')).toEqual(['Các sở, ngành']);
    expect(lead('Ban Chỉ đạo của tỉnh: kiểm tra định kỳ hằng quý')).toEqual(['Ban Chỉ đạo']);
    expect(lead('Các thành viên Ban Chỉ đạo của Chính phủ', true)).toEqual(['Các thành viên Ban Chỉ đạo']);
    expect(lead('Bộ Tài chính giải quyết dứt điểm các tồn đọng')).toEqual(['Bộ Tài chính']);
  });

  it('keeps commune People\'s Committees one group, apart from a group closed by "liên quan"', () => {
    expect(names('Ủy ban nhân dân các phường, xã, đặc khu')).toEqual(['Ủy ban nhân dân các phường, xã, đặc khu']);
    expect(names('các sở, ngành liên quan, UBND các xã, phường')).toEqual(['các sở, ngành liên quan', 'UBND các xã, phường']);
    expect(collectiveName('UBND các phường, xã, đặc khu')).toBe('Ủy ban nhân dân các phường, xã, đặc khu');
    expect(collectiveName('UBND xã, phường')).toBe('Ủy ban nhân dân xã, phường');
    expect(collectiveName('đối tượng kiểm kê')).toBe('Các đối tượng kiểm kê');
  });
});

describe('agencies of a heading', () => {
  const heading = (title: string) => headingAssignment(title, true).lead.map((m) => m.raw);

  it('reads "Trách nhiệm của X:" as led by X, named body or not', () => {
    expect(heading('Trách nhiệm của Sở Xây dựng:')).toEqual(['Sở Xây dựng']);
    expect(heading('Trách nhiệm của đơn vị sử dụng tài sản:')).toEqual(['đơn vị sử dụng tài sản']);
    expect(headingAssignment('Trách nhiệm của đơn vị sử dụng tài sản:', true).lead[0]!.collective).toBe(true);
    expect(heading('Nhiệm vụ của các cơ quan quản lý cấp trên (kể cả cơ quan chủ quản):')).toEqual(['các cơ quan quản lý cấp trên']);
  });

  it('reads the members a parenthesis names for the group before it', () => {
    expect(heading('Các cơ quan quản lý chuyên ngành (gồm các Sở: Y tế, Công Thương)')).toEqual(['Sở Y tế', 'Sở Công Thương']);
    expect(heading('Các cơ sở khám bệnh, chữa bệnh (các Trung tâm Y tế, Bệnh viện đa khoa tỉnh)')).toEqual(['các Trung tâm Y tế, Bệnh viện đa khoa tỉnh']);
    expect(heading('Sở Nội vụ (Cơ quan thường trực Hội đồng Thi đua - Khen thưởng):')).toEqual(['Sở Nội vụ']);
    // A sentence with a note is no group: the note names a helper, not who leads.
    expect(heading('Chỉ đạo các trường học phối hợp với Sở Y tế (Trung tâm Kiểm soát bệnh tật) tổ chức khám sức khỏe:')).toEqual([]);
  });
});

describe('canonical agency names', () => {
  it('expands abbreviations', () => {
    expect(expandAbbreviations('Sở KH&CN')).toBe('Sở Khoa học và Công nghệ');
    expect(expandAbbreviations('Bộ CHQS tỉnh')).toBe('Bộ Chỉ huy Quân sự tỉnh');
    expect(expandAbbreviations('BCHQS tỉnh')).toBe('Bộ Chỉ huy Quân sự tỉnh');
    expect(expandAbbreviations('Sở KHCN')).toBe('Sở Khoa học và Công nghệ');
    expect(expandAbbreviations('UBND tỉnh')).toBe('Ủy ban nhân dân tỉnh');
    expect(expandAbbreviations('HĐND tỉnh')).toBe('Hội đồng nhân dân tỉnh');
    expect(expandAbbreviations('Sở TT&TT')).toBe('Sở Thông tin và Truyền thông');
    expect(expandAbbreviations('Sở KH&ĐT')).toBe('Sở Kế hoạch và Đầu tư');
    expect(expandAbbreviations('Sở LĐTB&XH')).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(expandAbbreviations('Sở VH,TT&DL')).toBe('Sở Văn hóa, Thể thao và Du lịch');
    expect(expandAbbreviations('Sở GD&ĐT')).toBe('Sở Giáo dục và Đào tạo');
    expect(expandAbbreviations('Sở NN&PTNT')).toBe('Sở Nông nghiệp và Phát triển nông thôn');
    expect(expandAbbreviations('Sở TN&MT')).toBe('Sở Tài nguyên và Môi trường');
    expect(expandAbbreviations('Ban Tuyên giáo TW')).toBe('Ban Tuyên giáo Trung ương');
    expect(expandAbbreviations('Kết luận 69-KL/TW')).toBe('Kết luận 69-KL/TW');
  });

  it('gives every spelling of one body the same name and id', () => {
    const spellings = ['Sở Khoa học và Công nghệ', 'Sở KH&CN', 'Sở KHCN', 'Sở Khoa học và công nghệ', 'Sở Khoa học và Công nghệ tỉnh', 'Sở Khoa học và Công nghệ tỉnh Bình Thuận'];
    for (const s of spellings) expect(resolveAgencyName(s, false, nameCtx)?.name, s).toBe('Sở Khoa học và Công nghệ');
    expect(resolveAgencyName('UBND tỉnh', false, nameCtx)?.name).toBe('Ủy ban nhân dân tỉnh');
    expect(resolveAgencyName('Ủy ban nhân dân tỉnh Bình Thuận', false, nameCtx)?.name).toBe('Ủy ban nhân dân tỉnh');
    expect(resolveAgencyName('Sở Văn hoá, Thể thao và Du lịch', false, nameCtx)?.name).toBe('Sở Văn hóa, Thể thao và Du lịch');
    expect(resolveAgencyName('Ủy ban MTTQ Việt Nam tỉnh', false, nameCtx)?.name).toBe('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');
    expect(resolveAgencyName('Ủy ban Mặt trận Tổ quốc Việt Nam', false, nameCtx)?.name).toBe('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');
    expect(resolveAgencyName('Giám đốc Sở Tài chính', false, nameCtx)?.name).toBe('Sở Tài chính');
  });

  it('tells national bodies from local ones', () => {
    const ministry = resolveAgencyName('Bộ Khoa học và Công nghệ', false, nameCtx)!;
    expect(ministry).toMatchObject({ national: true, level: 'ministry' });
    expect(resolveAgencyName('Ban Tuyên giáo Trung ương', false, nameCtx)).toMatchObject({ national: true, level: 'central' });
    expect(resolveAgencyName('Thủ tướng Chính phủ', false, nameCtx)).toMatchObject({ national: true });
    expect(resolveAgencyName('Ban Tuyên giáo Tỉnh ủy', false, nameCtx)).toMatchObject({ national: false, level: 'province' });
    expect(resolveAgencyName('Bộ Chỉ huy Quân sự tỉnh', false, nameCtx)).toMatchObject({ national: false });
    expect(resolveAgencyName('Sở Tài chính', false, { level: 'central', province: null })).toMatchObject({ national: true });
  });

  it('names collectives by what they cover', () => {
    const both = 'Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố';
    expect(collectiveName('Các sở, ban, ngành, đơn vị cấp tỉnh, UBND các huyện, thị xã, thành phố')).toBe(both);
    expect(collectiveName('Thủ trưởng các sở, ban, ngành, đơn vị cấp tỉnh, Chủ tịch UBND các huyện, thị xã, thành phố')).toBe(both);
    expect(collectiveName('Các sở, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố')).toBe(both);
    expect(collectiveName('các sở, ban ngành, địa phương')).toBe(both);
    expect(collectiveName('Các sở, ban, ngành')).toBe('Các sở, ban, ngành');
    expect(collectiveName('UBND các huyện, thành phố')).toBe('Ủy ban nhân dân các huyện, thị xã, thành phố');
    for (const related of ['các cơ quan liên quan', 'các cơ quan, đơn vị có liên quan', 'các sở, ban, ngành có liên quan', 'các bộ, ngành liên quan']) {
      expect(collectiveName(related), related).toBe('Các cơ quan, đơn vị liên quan');
    }
    expect(collectiveName('Các cấp uỷ, tổ chức đảng')).toBe('Các cấp ủy, tổ chức đảng');
    expect(collectiveName('các bộ, ngành, địa phương')).toBe('Các bộ, ngành, địa phương');
    expect(collectiveName('hội quần chúng')).toBe('Các hội quần chúng');
  });
});

describe('AgencyRegistry', () => {
  it('makes one node per real agency, with the spellings seen as aliases', () => {
    const reg = new AgencyRegistry(province);
    const mentions = parseAgencyCell('Sở KH&CN, Sở Khoa học và công nghệ, Sở Khoa học và Công nghệ').mentions;
    const ids = mentions.map((m) => reg.add(m));
    expect(new Set(ids)).toEqual(new Set([agencyId('Sở Khoa học và Công nghệ', 'binh-thuan')]));
    const [node] = reg.all();
    expect(AgencyNode.parse(node)).toMatchObject({
      name: 'Sở Khoa học và Công nghệ',
      province: 'Bình Thuận',
      level: 'province',
      collective: false,
    });
    expect(node!.aliases.sort()).toEqual(['Sở KH&CN', 'Sở Khoa học và công nghệ']);
  });

  it('shares national bodies across provinces and keeps local ones apart', () => {
    const a = new AgencyRegistry(province);
    const b = new AgencyRegistry({ ...province, documentId: 'vn/bac-kan/ubnd/kh/2/2024', province: 'Bắc Kạn', provinceSlug: 'bac-kan' });
    const [ministry] = parseAgencyCell('Bộ Khoa học và Công nghệ').mentions;
    const [dept] = parseAgencyCell('Sở Tài chính').mentions;
    expect(a.add(ministry!)).toBe('vn/agency/bo-khoa-hoc-va-cong-nghe');
    expect(b.add(ministry!)).toBe('vn/agency/bo-khoa-hoc-va-cong-nghe');
    expect(a.add(dept!)).toBe('vn/binh-thuan/agency/so-tai-chinh');
    expect(b.add(dept!)).toBe('vn/bac-kan/agency/so-tai-chinh');
  });

  it('marks collectives, one shared "related bodies" node per province', () => {
    const reg = new AgencyRegistry(province);
    const ids = parseAgencyCell('các cơ quan liên quan; các cơ quan, đơn vị có liên quan').mentions.map((m) => reg.add(m));
    expect(new Set(ids)).toEqual(new Set(['vn/binh-thuan/agency/cac-co-quan-don-vi-lien-quan']));
    expect(reg.all()[0]).toMatchObject({ collective: true, name: 'Các cơ quan, đơn vị liên quan', level: 'province' });
  });

  it('scopes local agencies to the document when the province is unknown, and says so', () => {
    const reg = new AgencyRegistry({ ...province, province: null, provinceSlug: null });
    const id = reg.add(parseAgencyCell('Sở Tài chính').mentions[0]!);
    expect(id).toMatch(/^vn\/unknown-[0-9a-f]{8}\/agency\/so-tai-chinh$/);
    expect(reg.warnings.join(' ')).toMatch(/province unknown/);
  });

  it('names everything in a central document as national', () => {
    const reg = new AgencyRegistry(central);
    const ids = parseAgencyCell('Ban Tuyên giáo Trung ương, các cơ quan liên quan').mentions.map((m) => reg.add(m));
    expect(ids).toEqual(['vn/agency/ban-tuyen-giao-trung-uong', 'vn/agency/cac-co-quan-don-vi-lien-quan']);
    expect(reg.all().map((n) => n.province)).toEqual([null, null]);
  });
});
