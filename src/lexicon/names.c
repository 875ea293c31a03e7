/* Chinese display names of the extractor's ids (names.h). */
#include <stdio.h>
#include <string.h>

#include "jindu/names.h"

/* Display names of the metrics, in the default section order. */
static const struct {
  const char *id, *title, *person_unit;
} metric_names[] = {
    {"cases_solved", "破获毒品案件", NULL},
    {"suspects_arrested", "抓获犯罪嫌疑人", "名"},
    {"drugs_seized", "缴获毒品", NULL},
    {"gangs_busted", "打掉贩毒团伙", NULL},
    {"users_registered", "现有吸毒人员", "名"},
    {"abstinent_3y", "戒断三年未复吸人员", "名"},
    {"new_users", "新发现吸毒人员", "名"},
    {"users_checked", "查处吸毒人员", "人"},
    {"compulsory_isolation", "强制隔离戒毒", "人"},
    {"community_rehab", "社区戒毒社区康复", "人"},
    {"rehab_consolidation_rate", "戒毒康复巩固率", NULL},
    {"relapse_rate", "复吸率", NULL},
    {"outflow_traffickers", "外流贩毒人员", "人"},
    {"registered_traffickers", "登记掌握贩毒人员", "人"},
    {"gang_cases_solved", "破获团伙案件", NULL},
    {"fugitives_caught", "追捕涉毒逃犯", "名"},
    {"target_cases", "破获目标案件", NULL},
    {"precursors_seized", "缴获制毒物品", NULL},
    {"dens_destroyed", "捣毁制毒窝点", NULL},
    {"voluntary_rehab", "自愿戒毒", "人"},
    {"methadone", "美沙酮维持治疗", "人"},
    {"users_synthetic", "滥用合成毒品人员", "名"},
    {"users_opiate", "滥用阿片类毒品人员", "名"},
    {"users_minor", "18岁以下吸毒人员", "名"},
    {"users_18_35", "18至35岁吸毒人员", "名"},
    {"users_under_35", "35岁以下吸毒人员", "名"},
    {"users_36_59", "36至59岁吸毒人员", "名"},
    {"users_over_35", "35岁以上吸毒人员", "名"},
    {"users_over_60", "60岁以上吸毒人员", "名"},
    {"clearance_rate", "破案率", NULL},
    {"control_rate", "管控率", NULL},
    {"detection_rate", "查获率", NULL},
    {"poppy_eradicated", "铲除罂粟", NULL},
    {"drug_money", "缴获毒资", NULL},
    {"vehicles_seized", "缴获涉毒车辆", NULL},
    {"guns_seized", "缴获枪支", NULL},
    {"people_educated", "受教育群众", "人"},
    {"campaigns", "宣传活动", NULL},
    {"funding", "禁毒经费", NULL},
    {"community_detox", "社区戒毒", "人"},
    {"community_recovery", "社区康复", "人"},
    {"prosecuted", "起诉涉毒犯罪", "人"},
    {"cases_tried", "审结毒品案件", NULL},
    {"sentenced", "判处涉毒罪犯", "人"},
    {"heavy_sentence_rate", "重刑率", NULL},
    {"admission_rate", "收戒率", NULL},
    {"placement_rate", "安置帮扶率", NULL},
    {"test_rate", "尿检率", NULL},
    {"coverage_rate", "覆盖率", NULL},
    {"volunteers", "禁毒志愿者", "人"},
    {"social_workers", "禁毒社工", "名"},
    {"police", "投入警力", "人"},
    {"networks_destroyed", "打掉贩毒网络", NULL},
    {"media_reports", "媒体报道", NULL},
    {"media_outlets", "参与媒体", NULL},
    {"materials_distributed", "发放宣传资料", NULL},
    {"rewards", "奖励", NULL},
    {"drug_price", "毒品价格", NULL},
    {"arrests_approved", "批准逮捕", "人"},
};


int jd_metric_rank(const char *id)
{
  for (size_t i = 0; id && i < G_N_ELEMENTS(metric_names); i++)
    if (strcmp(metric_names[i].id, id) == 0) return (int)i;
  return (int)G_N_ELEMENTS(metric_names);
}

const char *jd_metric_title(const char *id)
{
  int i = jd_metric_rank(id);
  return i < (int)G_N_ELEMENTS(metric_names) ? metric_names[i].title : NULL;
}

const char *jd_metric_person_unit(const char *id)
{
  int i = jd_metric_rank(id);
  return i < (int)G_N_ELEMENTS(metric_names) ? metric_names[i].person_unit : NULL;
}

const char *jd_drug_name(const char *drug)
{
  static const struct {
    const char *id, *zh;
  } drugs[] = {{"heroin", "海洛因"},
               {"meth", "冰毒"},
               {"meth_tablet", "冰毒片剂"},
               {"ketamine", "氯胺酮"},
               {"ecstasy", "摇头丸"},
               {"opium", "鸦片"},
               {"opium_poppy", "罂粟"},
               {"cannabis", "大麻"},
               {"synthetic_cannabinoid", "合成大麻素"},
               {"precursor", "制毒物品"},
               {"cocaine", "可卡因"},
               {"amphetamine", "安非他命"},
               {"caffeine", "咖啡因"},
               {"cathinone", "卡西酮"},
               {"coffee_pack", "毒品咖啡包"},
               {"etomidate", "依托咪酯"},
               {"fentanyl", "芬太尼"},
               {"fluoroketamine", "氟胺酮"},
               {"ghb", "γ-羟丁酸"},
               {"kratom", "卡痛叶"},
               {"morphine", "吗啡"},
               {"nimetazepam", "一粒眠"},
               {"nitrous_oxide", "笑气"},
               {"nps", "新精神活性物质"},
               {"pethidine", "杜冷丁"},
               {"tramadol", "曲马多"},
               {"triazolam", "三唑仑"}};
  for (size_t i = 0; drug && i < G_N_ELEMENTS(drugs); i++)
    if (strcmp(drugs[i].id, drug) == 0) return drugs[i].zh;
  return drug;
}

char *jd_part_name(const char *tag)
{
  static const struct {
    const char *tag, *zh;
  } parts[] = {{"female", "女性"},        {"male", "男性"},           {"foreign", "涉外"},
               {"cross_border", "跨境"},  {"cross_province", "跨省"}, {"cross_region", "跨区域"},
               {"online", "网络"},        {"postal", "寄递物流"},     {"major", "重大"},
               {"gang", "团伙"},          {"retail", "零包"},         {"youth", "青少年"},
               {"student", "在校学生"},   {"farmer", "农民"},         {"unemployed", "无业"},
               {"minority", "少数民族"},  {"repeat", "累犯"},         {"relapsed", "复吸"},
               {"outflow", "外流"},       {"outsider", "外省籍"},     {"local", "本地"},
               {"armed", "涉枪"},         {"target", "目标"},         {"new", "新增"},
               {"minor", "未成年"}};
  for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
    if (strcmp(parts[i].tag, tag) == 0) return g_strdup(parts[i].zh);
  int a, b;
  char c;
  if (sscanf(tag, "under_%d%c", &a, &c) == 1) return g_strdup_printf("%d岁以下", a);
  if (sscanf(tag, "over_%d%c", &a, &c) == 1) return g_strdup_printf("%d岁以上", a);
  if (sscanf(tag, "%d_%d%c", &a, &b, &c) == 2) return g_strdup_printf("%d至%d岁", a, b);
  return g_strdup("其中部分");
}

char *jd_metric_name(const char *metric)
{
  if (!metric || !*metric) return g_strdup("指标");
  const char *title = jd_metric_title(metric);
  if (title) return g_strdup(title);
  size_t best = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(metric_names); i++) {
    size_t n = strlen(metric_names[i].id);
    if (n > best && strncmp(metric, metric_names[i].id, n) == 0 && metric[n] == '_') {
      best = n;
      title = metric_names[i].title;
    }
  }
  if (!title && g_str_has_prefix(metric, "users_")) {
    g_autofree char *age = jd_part_name(metric + strlen("users_"));
    return g_strdup_printf("%s吸毒人员", age);
  }
  if (!title) return g_strdup(metric);
  g_autofree char *part = jd_part_name(metric + best + 1);
  return g_strdup_printf("%s（%s）", title, part);
}

