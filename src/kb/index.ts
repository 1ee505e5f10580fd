// The knowledge base: help-centre articles, FAQs and release notes, public or internal (agents
// only), searchable; readers say whether an article helped (article-feedback.ts); suggestArticles
// is what intake and the ticket domain call to point a customer at an answer.
export { createArticle } from './create-article.ts';
export { updateArticle } from './update-article.ts';
export { archiveArticle } from './archive-article.ts';
export { getArticle } from './get-article.ts';
export { listArticles } from './list-articles.ts';
export { searchArticles } from './search-articles.ts';
export { suggestArticles } from './suggest-articles.ts';
export {
  articleFeedbackCounts, articleFeedbackSummary, ArticleFeedbackInput, COMMENT_MAX, myArticleVote, removeFeedbackComment, voteOnArticle,
} from './article-feedback.ts';
export type { ArticleVote, FeedbackComment, FeedbackCounts, FeedbackSummary, Visitor } from './article-feedback.ts';
export {
  ArticleRefInput,
  CreateArticleInput,
  GetArticleInput,
  KINDS,
  LIMITS,
  ListArticlesInput,
  SearchArticlesInput,
  SuggestArticlesInput,
  UpdateArticleInput,
  VISIBILITIES,
} from './schemas.ts';
export type { Article, ArticleHit, ArticleKind, ArticleSuggestion, ArticleSummary, Visibility } from './schemas.ts';
